export interface Config {
  plinth?: {
    dora?: {
      /**
       * Whether the example backend records its generated year of demo DORA
       * events at start (`src/demo/doraDemoHistoryModule.ts`). Defaults to
       * false.
       */
      demoHistory?: boolean;
    };
  };
}
