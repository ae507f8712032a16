export interface Config {
  plinth?: {
    dora?: {
      webhooks?: {
        /**
         * The PagerDuty webhook of the DORA backend:
         * `POST /api/dora/webhooks/pagerduty`. Set the token, the signing
         * secret or both; with neither, deliveries get a 404.
         */
        pagerduty?: {
          /**
           * A token expected in the `X-Plinth-Token` header (a custom header
           * of the PagerDuty subscription).
           * @visibility secret
           */
          token?: string;
          /**
           * The subscription's signing secret, checked against
           * `X-PagerDuty-Signature`.
           * @visibility secret
           */
          signingSecret?: string;
        };
      };
    };
  };
}
