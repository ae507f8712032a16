export interface Config {
  plinth?: {
    orchestrator?: {
      /** How the orchestrator keeps secrets (shared secrets, secret driver outputs). */
      secrets?: {
        /**
         * Keys of AES-256-GCM, the first sealing new values and every one
         * opening what it sealed: to rotate, put a new key first and keep
         * the old ones until every value has been sealed again.
         */
        keys: Array<{
          /** Stored beside each sealed value: 1 to 64 letters, digits, ".", "_" or "-". */
          id: string;
          /**
           * 32 random bytes in base64 (`openssl rand -base64 32`).
           * @visibility secret
           */
          key: string;
        }>;
      };
    };
  };
}
