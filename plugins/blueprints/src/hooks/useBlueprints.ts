import { useApi } from '@backstage/core-plugin-api';
import {
  Blueprint,
  BlueprintListResponse,
} from '@plinth/plugin-blueprints-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { blueprintsApiRef } from '../api/BlueprintsApi';

/** The blueprint registry, as the data-model page and the cards read it. */
export interface BlueprintsState {
  loading: boolean;
  error?: Error;
  value?: BlueprintListResponse;
  /** Every applied blueprint by identifier. */
  byId: ReadonlyMap<string, Blueprint>;
  retry: () => void;
}

/** Reads every blueprint of the registry. */
export function useBlueprints(): BlueprintsState {
  const api = useApi(blueprintsApiRef);
  const { loading, error, value, retry } = useAsyncRetry(
    () => api.listBlueprints(),
    [api],
  );
  const byId = useMemo(
    () =>
      new Map(
        (value?.items ?? []).map(item => [
          item.blueprint.identifier,
          item.blueprint,
        ]),
      ),
    [value],
  );
  return { loading, error, value, byId, retry };
}
