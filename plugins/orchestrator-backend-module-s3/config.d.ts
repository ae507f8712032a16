export interface Config {
  plinth?: {
    orchestrator?: {
      drivers?: {
        /** The S3 API the `s3` driver makes buckets on. */
        s3?: {
          /** The S3 API's URL; left out for AWS. */
          endpoint?: string;
          /** The region buckets are made in; `us-east-1` unless said. */
          region?: string;
          /** Path-style URLs (`<endpoint>/<bucket>`), as most local stores want. */
          forcePathStyle?: boolean;
          /** Credentials that may create, list, empty and delete buckets; workloads get them too. */
          credentials: {
            /** @visibility secret */
            accessKeyId: string;
            /** @visibility secret */
            secretAccessKey: string;
          };
          /** The S3 API's URL as workloads reach it, when not `endpoint`. */
          publicEndpoint?: string;
        };
      };
    };
  };
}
