import type { JqResult } from '@plinth/plugin-blueprints-common';
import {
  ALL_PROGRAMS,
  ENTITIES,
  oracle,
  oracleAvailable,
  ORACLE,
  PROGRAMS,
  WASM_DIFFERENCES,
} from './__testUtils__/corpus';
import { findNativeBackend } from './backends';
import { createJqEngine, JqEngine } from './createJqEngine';

const nativeLoads = 'modulePath' in findNativeBackend();

/** The engines to test: wasm always, native when its addon is built. */
const ENGINES = (['native', 'wasm'] as const).filter(
  name => name === 'wasm' || nativeLoads,
);

/** Compile errors: the wasm engine's parser words them differently. */
function comparable(result: JqResult, name: 'native' | 'wasm'): JqResult {
  return name === 'wasm' && 'error' in result && result.kind === 'compile'
    ? { error: '(a compile error)', kind: 'compile' }
    : result;
}

describe('the reference jq', () => {
  it('is installed', () => {
    // The oracle tests below are only as good as their oracle.
    expect(oracleAvailable).toBe(true);
    expect(oracle('.a + 1', { a: 1 })).toEqual({ value: 2 });
  });
});

describe.each(ENGINES)('the %s jq engine', name => {
  let engine: JqEngine;
  beforeAll(() => {
    engine = createJqEngine({ prefer: name });
  });
  afterAll(() => engine.close());

  it('is the engine asked for', () => {
    expect(engine.name).toBe(name);
    expect(engine.description).toContain(name === 'native' ? '1.6' : '1.7');
  });

  describe.each(Object.entries(PROGRAMS))('%s', (_group, programs) => {
    it.each(programs)(`gives what ${ORACLE} gives: %s`, async program => {
      const expected = ENTITIES.map(entity =>
        comparable(oracle(program, entity), name),
      );
      const actual = await engine.evaluateMany(program, ENTITIES);
      expect(actual.map(result => comparable(result, name))).toEqual(expected);
    });
  });

  it('evaluates one input as a batch of one does', async () => {
    for (const program of ALL_PROGRAMS.slice(0, 20)) {
      await expect(engine.evaluate(program, ENTITIES[0])).resolves.toEqual(
        (
          await engine.evaluateMany(program, [ENTITIES[0]])
        )[0],
      );
    }
  });

  it("runs Port's single-quoted strings as double-quoted ones", async () => {
    const cases: Array<[string, string]> = [
      [
        "'https://datadog.com/' + .identifier",
        '"https://datadog.com/" + .identifier',
      ],
      [".properties.'kubernetes.io/name'", '.properties."kubernetes.io/name"'],
      [
        ".properties.labels.'kubernetes.io/name'",
        '.properties.labels."kubernetes.io/name"',
      ],
      [
        "if .properties.type == 'service' then 'svc' else 'lib' end",
        'if .properties.type == "service" then "svc" else "lib" end',
      ],
      [
        '"rock \'n\' roll: " + .identifier',
        '"rock \'n\' roll: " + .identifier',
      ],
      ['\'say "hi" to \' + .title', '"say \\"hi\\" to " + .title'],
      [".title # it's a comment", '.title'],
    ];
    for (const [port, standard] of cases) {
      const expected = ENTITIES.map(entity => oracle(standard, entity));
      await expect(engine.evaluateMany(port, ENTITIES)).resolves.toEqual(
        expected,
      );
    }
  });

  it('gives no access to the environment, to more input, or to halting', async () => {
    const input = { a: 1 };
    await expect(engine.evaluate('env', input)).resolves.toEqual({ value: {} });
    await expect(engine.evaluate('$ENV.PATH', input)).resolves.toEqual({
      value: null,
    });
    await expect(engine.evaluate('input', input)).resolves.toEqual({
      error: 'input is not available in a calculation',
      kind: 'runtime',
    });
    await expect(engine.evaluate('[inputs]', input)).resolves.toMatchObject({
      kind: 'runtime',
    });
    await expect(engine.evaluate('halt', input)).resolves.toMatchObject({
      kind: 'runtime',
    });
    await expect(engine.evaluate('debug | .a', input)).resolves.toEqual({
      value: 1,
    });
    await expect(
      engine.evaluate('import "x" as x; .', input),
    ).resolves.toMatchObject({ kind: 'compile' });
  });

  it('keeps errors per input', async () => {
    const results = await engine.evaluateMany(
      '.properties.replicas | tonumber',
      ENTITIES,
    );
    expect(results).toEqual([
      { value: 3 },
      {
        error: expect.stringContaining("while parsing 'many'"),
        kind: 'runtime',
      },
      { value: 12 },
    ]);
  });

  it('reports a compile error once per program, with the program', async () => {
    const warn = jest.fn();
    const logged = createJqEngine({
      prefer: name,
      logger: { warn, info: jest.fn() } as any,
    });
    try {
      const first = await logged.evaluateMany('.a |', [1, 2, 3]);
      const again = await logged.evaluateMany('.a |', [4]);
      expect(
        new Set(first.concat(again).map(r => JSON.stringify(r))).size,
      ).toBe(1);
      expect(first[0]).toMatchObject({
        kind: 'compile',
        error: expect.stringMatching(
          /^syntax error, unexpected (\$end|end of file)/,
        ),
      });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining('does not compile'),
        { program: '.a |' },
      );
    } finally {
      await logged.close();
    }
  });

  it('gives a program that hangs an error within its time limit, and keeps working', async () => {
    const quick = createJqEngine({ prefer: name, timeoutMs: 300 });
    try {
      await quick.evaluate('.', null); // the worker has started
      const started = Date.now();
      await expect(quick.evaluate('last(range(1e12))', null)).resolves.toEqual({
        error: 'no result within 300 ms',
        kind: 'timeout',
      });
      expect(Date.now() - started).toBeLessThan(300 + 700);
      // The next evaluation starts a new worker.
      await expect(
        quick.evaluate('[range(1e9)] | length', null),
      ).resolves.toMatchObject({ kind: 'timeout' });
      await expect(quick.evaluate('.a + 1', { a: 41 })).resolves.toEqual({
        value: 42,
      });
    } finally {
      await quick.close();
    }
  });

  it('isolates the input a batch hangs on', async () => {
    const quick = createJqEngine({
      prefer: name,
      timeoutMs: 300,
      batchTimeoutMs: 800,
    });
    try {
      const results = await quick.evaluateMany(
        'if .hang then last(range(1e12)) else .n * 2 end',
        [{ n: 1 }, { n: 2, hang: true }, { n: 3 }],
      );
      expect(results).toEqual([
        { value: 2 },
        { error: 'no result within 300 ms', kind: 'timeout' },
        { value: 6 },
      ]);
    } finally {
      await quick.close();
    }
  });

  it('stops trying a program that hangs on every input', async () => {
    const quick = createJqEngine({
      prefer: name,
      timeoutMs: 200,
      batchTimeoutMs: 400,
      batchSize: 20,
      maxTimeouts: 2,
    });
    try {
      const started = Date.now();
      const results = await quick.evaluateMany(
        'last(range(1e12))',
        Array.from({ length: 50 }, (_, i) => i),
      );
      // Far from 50 x 200 ms: two inputs tried alone, not fifty.
      expect(Date.now() - started).toBeLessThan(400 + 2 * 200 + 5000);
      expect(results.slice(0, 3)).toEqual([
        { error: 'no result within 200 ms', kind: 'timeout' },
        { error: 'no result within 200 ms', kind: 'timeout' },
        {
          error: 'not run: the program already timed out on 2 other inputs',
          kind: 'timeout',
        },
      ]);
      expect(results.every(r => 'error' in r && r.kind === 'timeout')).toBe(
        true,
      );
    } finally {
      await quick.close();
    }
  });

  it('splits large batches and keeps their order', async () => {
    const small = createJqEngine({ prefer: name, batchSize: 7 });
    try {
      const inputs = Array.from({ length: 50 }, (_, n) => ({ n }));
      const results = await small.evaluateMany(
        'if .n % 10 == 3 then error("bad \\(.n)") else .n end',
        inputs,
      );
      expect(results).toEqual(
        inputs.map(({ n }) =>
          n % 10 === 3 ? { error: `bad ${n}`, kind: 'runtime' } : { value: n },
        ),
      );
    } finally {
      await small.close();
    }
  });

  it('reports an input that is not JSON, and runs the others', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const results = await engine.evaluateMany('.n', [{ n: 1 }, circular]);
    expect(results[0]).toEqual({ value: 1 });
    expect(results[1]).toMatchObject({
      kind: 'runtime',
      error: expect.stringContaining('not JSON'),
    });
  });

  it('works again after close', async () => {
    const closing = createJqEngine({ prefer: name });
    await expect(closing.evaluate('.', 1)).resolves.toEqual({ value: 1 });
    await closing.close();
    await expect(closing.evaluate('. + 1', 1)).resolves.toEqual({ value: 2 });
    await closing.close();
  });

  it('runs concurrent evaluations one after the other', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => engine.evaluate('. * 10', i)),
    );
    expect(results).toEqual(
      Array.from({ length: 10 }, (_, i) => ({ value: i * 10 })),
    );
  });
});

describe('where jq 1.7 (the wasm engine) differs from jq 1.6', () => {
  let wasm: JqEngine;
  beforeAll(() => {
    wasm = createJqEngine({ prefer: 'wasm' });
  });
  afterAll(() => wasm.close());

  it.each(WASM_DIFFERENCES)(
    '$program: $why',
    async ({ program, wasm: expected }) => {
      const reference = oracle(program, ENTITIES[0]);
      expect(reference).not.toEqual(expected);
      await expect(wasm.evaluate(program, ENTITIES[0])).resolves.toEqual(
        expected,
      );
    },
  );
});

// The native binding is an optional dependency: these run where it is built.
(nativeLoads ? describe : describe.skip)('the native engine, as jq 1.6', () => {
  let native: JqEngine;
  beforeAll(() => {
    native = createJqEngine({ prefer: 'native' });
  });
  afterAll(() => native.close());

  it.each(WASM_DIFFERENCES)(
    'answers $program as jq 1.6 does',
    async ({ program }) => {
      const result = await native.evaluate(program, ENTITIES[0]);
      const reference = oracle(program, ENTITIES[0]);
      // jq 1.6 reports several compile errors; the binding keeps the last.
      expect('error' in result ? result.kind : result).toEqual(
        'error' in reference ? reference.kind : reference,
      );
    },
  );

  it('gives a program that crashes jq 1.6 an error of its input only', async () => {
    const results = await native.evaluateMany('[.] | implode', [65, -1, 66]);
    expect(results).toEqual([
      { value: 'A' },
      {
        error: expect.stringMatching(/^jq crashed \(SIGABRT\).*Assertion/),
        kind: 'runtime',
      },
      { value: 'B' },
    ]);
    await expect(native.evaluate('. + 1', 1)).resolves.toEqual({ value: 2 });
  });
});

describe('createJqEngine', () => {
  it('chooses the native engine when it loads, and says so', async () => {
    const info = jest.fn();
    const engine = createJqEngine({ logger: { info, warn: jest.fn() } as any });
    try {
      expect(engine.name).toBe(nativeLoads ? 'native' : 'wasm');
      expect(info).toHaveBeenCalledWith(
        expect.stringContaining(`jq engine: ${engine.name}`),
      );
    } finally {
      await engine.close();
    }
  });

  it('uses the WebAssembly engine when asked, and says why', async () => {
    const engine = createJqEngine({ prefer: 'wasm' });
    expect(engine.name).toBe('wasm');
    expect(engine.description).toContain('jq-web');
    expect(engine.description).toContain('not native');
    await engine.close();
  });
});
