/*
 * Port-style calculation programs and the entities they run on, for the
 * oracle tests (compared with /usr/bin/jq) and the benchmark. The entities
 * have the shape Port gives a calculation (`calculationInput` in
 * @plinth/plugin-blueprints-common): every meta-property, every property
 * and relation of the blueprint.
 */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { JqResult } from '@plinth/plugin-blueprints-common';
import { cleanJqMessage } from '../programs';

/** Three seed-shaped Components as a calculation sees them. */
export const ENTITIES: Array<Record<string, unknown>> = [
  {
    identifier: 'CartService',
    title: 'Cart Service',
    icon: 'Cloud',
    team: ['orders-team'],
    blueprint: 'Component',
    properties: {
      type: 'service',
      language: 'Python',
      version: '1.12.3',
      replicas: '3',
      tier: 2,
      cpu: 1.5,
      score: 87.5,
      delta: -2.5,
      url: 'https://github.com/acme/cart-service',
      lastDeploy: '2024-05-01T12:34:56.789Z',
      released: '2024-01-15T08:00:00Z',
      tags: [
        { Key: 'env', Value: 'prod' },
        { Key: 'applyId', Value: '1a23-4bc5d' },
      ],
      labels: { 'kubernetes.io/name': 'cart', name: 'cart' },
      deployed_config: { cpu: 200, limits: { a: 1 } },
      service_config: { memory: 400, limits: { b: 2 } },
      status: 'OK',
      readme: "It's the cart.",
      flag: false,
      empty: '',
      nothing: null,
    },
    relations: {
      system: 'Cart',
      resources: ['cart-sql-sb'],
      consumesApi: [],
      components: ['CorePaymentLibrary', 'CoreKafkaLibrary'],
      providesApi: 'CartAPI',
    },
    createdAt: '2024-01-15T08:00:00.000Z',
    updatedAt: '2024-05-01T12:34:56.789Z',
    createdBy: 'alice@example.com',
    updatedBy: 'bob@example.com',
  },
  {
    identifier: 'CoreKafkaLibrary',
    title: 'Core Kafka Library',
    icon: null,
    team: [],
    blueprint: 'Component',
    properties: {
      type: 'library',
      language: 'Java',
      version: '2.0',
      replicas: 'many',
      tier: 1,
      cpu: 0.25,
      score: 42,
      delta: 3.5,
      url: null,
      lastDeploy: null,
      released: '2023-11-30T23:59:59Z',
      tags: [],
      labels: {},
      deployed_config: null,
      service_config: { memory: 128 },
      status: 'CRITICAL',
      readme: null,
      flag: true,
      empty: 'not empty',
      nothing: null,
    },
    relations: {
      system: 'Cart',
      resources: [],
      consumesApi: [],
      components: [],
      providesApi: null,
    },
    createdAt: '2023-11-30T23:59:59.999Z',
    updatedAt: '2023-12-01T00:00:00.000Z',
    createdBy: null,
    updatedBy: null,
  },
  {
    identifier: 'products-service',
    title: 'Prodüctś — Service',
    icon: 'Cloud',
    team: ['catalog', 'platform'],
    blueprint: 'Component',
    properties: {
      type: 'service',
      language: 'Nodejs',
      version: 'v3',
      replicas: '12',
      tier: 3,
      cpu: 2,
      score: 99.95,
      delta: -0.5,
      url: 'https://gitlab.example.com/shop/products',
      lastDeploy: '2024-02-29T00:00:00Z',
      released: 'soon',
      tags: [{ Key: 'applyId', Value: 'zz' }],
      labels: { name: 'products' },
      deployed_config: { cpu: 100 },
      service_config: { cpu: 300 },
      status: 'WARNING',
      readme: '',
      flag: null,
      empty: '',
      nothing: null,
    },
    relations: {
      system: null,
      resources: ['a', 'b', 'c'],
      consumesApi: ['CartAPI'],
      components: ['CoreKafkaLibrary'],
      providesApi: null,
    },
    createdAt: '2024-02-29T12:00:00.000Z',
    updatedAt: '2024-03-01T08:15:30.500Z',
    createdBy: 'carol@example.com',
    updatedBy: 'carol@example.com',
  },
];

/**
 * Calculations as Port's documentation and users write them, grouped by
 * what they exercise. Standard jq (the dialect has tests of its own), no
 * `$__loc__`, no `env`.
 */
export const PROGRAMS: Record<string, string[]> = {
  'paths, templates and strings': [
    '.identifier',
    '.properties.url + "/" + .identifier',
    '"https://slack.com/app/" + (.identifier | ascii_downcase)',
    '"\\(.title) (\\(.relations.components | length) components)"',
    '.properties.labels."kubernetes.io/name"',
    '.properties.labels["name"]',
    '.title | ascii_downcase | gsub(" "; "-")',
    '.title | split(" ") | map(.[0:1]) | join("")',
    '.title | length',
    '.title | startswith("Cart")',
    '.title | ltrimstr("Cart ") | rtrimstr(" Library")',
    '.title | index("Service")',
    '.title | @base64',
    '.properties.url | @uri',
    '[.identifier, .title] | @csv',
    '.properties.readme | length',
    '.team | join(",")',
    '.team[0]',
  ],
  'if/then/else': [
    'if .properties.language == "Python" then "https://pypi.org/project/" + .identifier else "https://www.npmjs.com/package/" + .identifier end',
    'if .properties.tier == 1 then "gold" elif .properties.tier == 2 then "silver" else "bronze" end',
    'if .properties.flag then "yes" else "no" end',
    'if .properties.nothing then 1 else 2 end',
    'if .properties.empty then "truthy" else "falsy" end',
    'if .properties.status == "OK" and .properties.tier < 3 then "healthy" elif .properties.status == "CRITICAL" or .properties.score < 50 then "failing" else "degraded" end',
  ],
  'alternative //': [
    '.properties.missing // "default"',
    '.properties.flag // "false or null"',
    '(.properties.nothing, .properties.flag, .properties.tier) // 0',
    '.relations.system // .relations.providesApi // "none"',
    '[.relations.resources[]? // "none"]',
    '.properties.url // "https://example.com/" + .identifier',
  ],
  'sub, gsub, capture, test': [
    '.properties.version | sub("\\\\.[0-9]+$"; "")',
    '.properties.version | gsub("\\\\."; "-")',
    '.identifier | sub("(?<first>[A-Z])"; "\\(.first | ascii_downcase)")',
    '.identifier | gsub("(?<c>[A-Z])"; "-\\(.c | ascii_downcase)")',
    '.updatedAt | sub("\\\\.[0-9]+Z$"; "Z")',
    '"foo bar foo" | gsub("foo"; "baz")',
    '.title | gsub("\\\\s+"; "_")',
    '.properties.url | capture("https://(?<host>[^/]+)/(?<org>[^/]+)/(?<repo>[^/]+)")',
    '.properties.url | capture("/(?<repo>[^/]+)$") | .repo',
    '.properties.version | capture("(?<major>[0-9]+)\\\\.(?<minor>[0-9]+)") | (.major | tonumber) * 100 + (.minor | tonumber)',
    '.properties.url | test("^https://github")',
    '.title | test("SERVICE"; "i")',
    '.properties.version | test("^[0-9]+\\\\.[0-9]+\\\\.[0-9]+$")',
    '[.relations.components[] | select(test("kafka"; "i"))] | length',
    '"test 123 test 456" | [scan("[0-9]+")]',
  ],
  'dates: strptime, mktime, fromdateiso8601, now': [
    '.properties.released | strptime("%Y-%m-%dT%H:%M:%SZ")',
    '.properties.released | strptime("%Y-%m-%dT%H:%M:%SZ") | mktime',
    '.properties.released | fromdateiso8601',
    '.properties.released | fromdate | todate',
    '.updatedAt | sub("\\\\.[0-9]+Z$"; "Z") | fromdateiso8601',
    '.updatedAt | split(".")[0] + "Z" | fromdate',
    '.updatedAt | fromdateiso8601',
    '.updatedAt[0:10] | strptime("%Y-%m-%d") | mktime',
    '"15/01/2024 08:30" | strptime("%d/%m/%Y %H:%M") | mktime',
    '"Mon, 15 Jan 2024 08:00:00" | strptime("%a, %d %b %Y %H:%M:%S") | mktime',
    '.createdAt | sub("\\\\.[0-9]{3}Z$"; "Z") | fromdate | strftime("%d %b %Y")',
    '((.updatedAt | .[0:19] + "Z" | fromdate) - (.createdAt | .[0:19] + "Z" | fromdate)) / 86400 | floor',
    '(.updatedAt | .[0:19] + "Z" | fromdate) + 30 * 86400 | todate',
    '1705305600 | gmtime',
    '1705305600 | gmtime | mktime',
    '[2024, 0, 15, 8, 0, 0, 1, 14] | mktime',
    'now | type',
    'now > 1700000000',
    '(now - (.createdAt | .[0:19] + "Z" | fromdate)) / 86400 | floor > 30',
    'now | todate | length',
  ],
  'IN, any, all': [
    '.properties.type | IN("service", "library")',
    '.properties.tier | IN(1, 3)',
    'IN(.relations.components[]; "CoreKafkaLibrary")',
    'any(.relations.resources[]; startswith("cart"))',
    'all(.properties.tags[]; .Value != "")',
  ],
  'numbers: round, floor, tonumber': [
    '.properties.cpu | round',
    '.properties.score | round',
    '.properties.delta | round',
    '.properties.cpu | floor',
    '.properties.delta | floor',
    '.properties.delta | ceil',
    '.properties.score / 3 | floor',
    '.properties.score * 100 | round / 100',
    '.properties.cpu * 1024 | tostring + " MiB"',
    '.properties.replicas | tonumber',
    '(.properties.replicas | tonumber) + 1',
    '.properties.version | tonumber',
    '"1.5e3" | tonumber',
    '"-3.25" | tonumber',
    '0.1 + 0.2',
    '[.properties.tier, .properties.score] | max',
  ],
  'string slices': [
    '.identifier[0:4]',
    '.identifier[4:]',
    '.identifier[-7:]',
    '.identifier[:-7]',
    '.identifier[2:1]',
    '.identifier[100:]',
    '.title[1:4]',
    '.relations.components[1:]',
    '.relations.resources[-1]',
  ],
  'arrays and objects': [
    '.properties.tags[] | select(.Key == "applyId") | .Value',
    '.properties.tags | map({(.Key): .Value}) | add',
    '.properties.tags | from_entries',
    '.properties.deployed_config * .properties.service_config',
    '.properties.deployed_config + .properties.service_config',
    '.relations.components | length',
    '.relations | to_entries | map(select(.value != null and .value != [])) | length',
    '.relations.components | join(", ")',
    '.relations | keys',
    '.properties | to_entries | map(select(.value == null)) | map(.key)',
    '[.relations.components[] | ascii_downcase] | sort',
    '.relations.resources | unique | length',
    'reduce .relations.resources[] as $r (0; . + ($r | length))',
    '{name: .title, deps: (.relations.components | length)}',
    '{(.identifier): .properties.status}',
    'def double: . * 2; .properties.tier | double',
    'del(.properties) | keys',
  ],
  'errors and no output': [
    '.title | tonumber',
    'try (.properties.replicas | tonumber) catch "not a number"',
    '(.properties.replicas | tonumber)?',
    '.title.foo',
    '.relations.components + 1',
    'error("custom failure")',
    'error({code: 42})',
    'error(null)',
    'empty',
    '.relations.components[]',
    '.properties.tier, .title',
    '.properties.nothing | test("a")',
  ],
  'compile errors': ['foo', '1 +', '.[', '"unterminated', '{a: 1', 'splits'],
};

/** Every corpus program, once. */
export const ALL_PROGRAMS: string[] = Object.values(PROGRAMS).flat();

/**
 * Where jq 1.7 (the wasm engine) answers differently from jq 1.6 (the native
 * engine and /usr/bin/jq): the program and what the wasm engine gives on the
 * first corpus entity. The README lists them; the tests keep the list true.
 */
export const WASM_DIFFERENCES: Array<{
  program: string;
  wasm: JqResult;
  why: string;
}> = [
  {
    program: 'if .properties.tier > 1 then "high" end',
    wasm: { value: 'high' },
    why: 'jq 1.7 allows `if` without `else`',
  },
  {
    program: '.properties.tags.[] | .Key',
    wasm: { value: 'env' },
    why: 'jq 1.7 allows `.[]` after a dot',
  },
  {
    program: 'pick(.identifier)',
    wasm: { value: { identifier: 'CartService' } },
    why: 'builtins added in jq 1.7 (`pick`, `abs`, `splits/1` on null, ...)',
  },
  {
    program: '"aaa" | gsub("^a"; "b")',
    wasm: { value: 'baa' },
    why: 'jq 1.6 applies an anchored `gsub` at every match',
  },
  {
    program: '"xyz" | capture("(?<a>q)?")',
    wasm: { value: { a: '' } },
    why: 'an optional group that matches nothing: jq 1.6 leaves it out',
  },
  {
    program: '"2024-046" | strptime("%Y-%j")',
    wasm: { value: [2023, 2, 17, 0, 0, 0, 5, 75] },
    why: "Emscripten's `strptime` gets `%j` wrong",
  },
  {
    program: '"nan" | tonumber',
    wasm: { value: null },
    why: 'jq 1.7 reads "nan" as a number',
  },
  {
    program: '[1, 2] | .[1.7]',
    wasm: { value: 2 },
    why: 'jq 1.7 rounds a fractional array index down',
  },
  {
    program: '[limit(0; 1, 2)]',
    wasm: { value: [] },
    why: 'jq 1.6 gives one item for `limit(0; ...)`',
  },
  {
    program: '0 / 0',
    wasm: {
      error:
        'number (0) and number (0) cannot be divided because the divisor is zero',
      kind: 'runtime',
    },
    why: 'jq 1.6 gives NaN (null)',
  },
];

/** Debian's jq 1.6, the reference. */
export const ORACLE = '/usr/bin/jq';

/** Whether the reference jq is installed. */
export const oracleAvailable = existsSync(ORACLE);

const answers = new Map<string, JqResult>();

/**
 * What /usr/bin/jq answers, in the engine's terms: the first output (`null`
 * when none), or the first error. Remembered, as the engines ask the same.
 */
export function oracle(program: string, input: unknown): JqResult {
  const key = JSON.stringify([program, input]);
  let answer = answers.get(key);
  if (!answer) {
    answer = runOracle(program, input);
    answers.set(key, answer);
  }
  return answer;
}

function runOracle(program: string, input: unknown): JqResult {
  const run = spawnSync(ORACLE, ['-c', program], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    timeout: 10_000,
  });
  // jq may exit (on a compile error) before it reads its input.
  if (run.error && (run.error as NodeJS.ErrnoException).code !== 'EPIPE') {
    throw run.error;
  }
  const first = run.stdout.split('\n')[0];
  if (first !== '') return { value: JSON.parse(first) };
  if (run.status === 0) return { value: null };
  return {
    error: cleanJqMessage(run.stderr),
    kind: run.status === 3 ? 'compile' : 'runtime',
  };
}
