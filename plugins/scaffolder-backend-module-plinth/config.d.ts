export interface Config {
  plinth?: {
    /** Plinth's self-service actions (the scaffolder's plinth:* actions). */
    selfService?: {
      /** `plinth:webhook:call`. */
      webhooks?: {
        /**
         * The hosts webhooks may call: `hooks.example.com`, `*.example.com`
         * for its subdomains, or `host:port`. Any other host is refused
         * (no request leaves for it), so templates cannot reach internal
         * services (SSRF).
         */
        allowedHosts: string[];
        /**
         * The key the body is signed with (HMAC-SHA256), sent as
         * `X-Plinth-Signature: sha256=<hex>` over `<timestamp>.<body>`.
         * @visibility secret
         */
        signingSecret?: string;
        /** How long a call may take, in milliseconds (10 000 by default). */
        timeoutMs?: number;
      };
    };
  };
}
