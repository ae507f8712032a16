import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CampaignDetailsResponse,
  CampaignListResponse,
  EntityScorecardsResponse,
  EvaluateRequest,
  EvaluateResponse,
  Exemption,
  ExemptionListResponse,
  ExemptionRequest,
  ScorecardHistoryResponse,
  ScorecardListResponse,
  ScorecardResultsResponse,
  ScorecardSummaryResponse,
} from '@plinth/plugin-scorecards-common';
import {
  ExemptionFilter,
  ScorecardGroupBy,
  ScorecardHistoryWindow,
  ScorecardResultsFilter,
  ScorecardsApi,
} from './ScorecardsApi';

const PLUGIN_ID = 'scorecards';

/** A path with each parameter URL-encoded: Port identifiers may hold `/`. */
function path(strings: TemplateStringsArray, ...params: string[]): string {
  return strings.reduce(
    (out, part, i) =>
      out + part + (i < params.length ? encodeURIComponent(params[i]) : ''),
    '',
  );
}

/** `?a=1&b=2` of the values that are set, or nothing. */
function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') {
      search.set(key, value);
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * The {@link ScorecardsApi} over HTTP: the backend's base URL from the
 * discovery API, the user's token from the fetch API.
 *
 * @example
 * ```ts
 * const client = new ScorecardsClient({ discoveryApi, fetchApi });
 * const { items } = await client.getEntityScorecards('component:default/cart');
 * ```
 * @public
 */
export class ScorecardsClient implements ScorecardsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listScorecards(): Promise<ScorecardListResponse> {
    return this.json('/scorecards');
  }

  async getEntityScorecards(
    entityRef: string | CompoundEntityRef,
  ): Promise<EntityScorecardsResponse> {
    const { kind, namespace, name } =
      typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
    return this.json(path`/entity/${kind}/${namespace}/${name}`);
  }

  async getSummary(
    scorecard: string,
    options: { groupBy?: ScorecardGroupBy } = {},
  ): Promise<ScorecardSummaryResponse> {
    return this.json(
      `${path`/scorecards/${scorecard}/summary`}${query({
        groupBy: options.groupBy,
      })}`,
    );
  }

  async getResults(
    scorecard: string,
    filter: ScorecardResultsFilter = {},
  ): Promise<ScorecardResultsResponse> {
    return this.json(
      `${path`/scorecards/${scorecard}/results`}${query({
        team: filter.team,
        system: filter.system,
        domain: filter.domain,
      })}`,
    );
  }

  async getHistory(
    scorecard: string,
    window: ScorecardHistoryWindow = {},
  ): Promise<ScorecardHistoryResponse> {
    return this.json(
      `${path`/scorecards/${scorecard}/history`}${query({
        from: window.from,
        to: window.to,
      })}`,
    );
  }

  async evaluate(request: EvaluateRequest = {}): Promise<EvaluateResponse> {
    return this.json('/evaluate', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(request),
    });
  }

  async listExemptions(
    filter: ExemptionFilter = {},
  ): Promise<ExemptionListResponse> {
    return this.json(
      `/exemptions${query({
        entityRef: filter.entityRef,
        scorecard: filter.scorecard,
      })}`,
    );
  }

  async createExemption(request: ExemptionRequest): Promise<Exemption> {
    return this.json('/exemptions', {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify(request),
    });
  }

  async deleteExemption(id: string): Promise<void> {
    await this.request(path`/exemptions/${id}`, { method: 'DELETE' });
  }

  async listCampaigns(): Promise<CampaignListResponse> {
    return this.json('/campaigns');
  }

  async getCampaign(identifier: string): Promise<CampaignDetailsResponse> {
    return this.json(path`/campaigns/${identifier}`);
  }

  /** Fetches `route` of the backend; throws a ResponseError unless 2xx. */
  private async request(route: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl(PLUGIN_ID);
    const response = await this.fetchApi.fetch(`${baseUrl}${route}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  /** Fetches `route` and reads its JSON body. */
  private async json<T>(route: string, init?: RequestInit): Promise<T> {
    const response = await this.request(route, init);
    return (await response.json()) as T;
  }
}
