export interface Config {
  plinth?: {
    dora?: {
      webhooks?: {
        /** The GitHub webhook of the DORA backend: `POST /api/dora/webhooks/github`. */
        github?: {
          /**
           * The webhook's secret, checked against `X-Hub-Signature-256`.
           * Without it, deliveries get a 404 saying to set it.
           * @visibility secret
           */
          secret: string;
        };
      };
    };
  };
}
