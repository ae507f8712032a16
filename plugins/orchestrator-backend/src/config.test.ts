import { ConfigReader } from '@backstage/config';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_ENVIRONMENT_TYPES, readOrchestratorConfig } from './config';

async function file(text: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'orchestrator-config-'));
  const name = path.join(dir, 'definitions.yaml');
  await fs.writeFile(name, text);
  return name;
}

const config = (orchestrator: object) =>
  new ConfigReader({ plinth: { orchestrator } });

describe('readOrchestratorConfig', () => {
  it('has the four environment types and sensible times when nothing is said', async () => {
    const read = await readOrchestratorConfig(new ConfigReader({}));
    expect(read.environmentTypes).toEqual(DEFAULT_ENVIRONMENT_TYPES);
    expect(read.definitions).toEqual([]);
    expect(read.reaper).toEqual({
      frequencyMs: 60_000,
      notifyBeforeMs: 86_400_000,
    });
    expect(read.runs).toEqual({ leaseMs: 30_000, concurrency: 4 });
  });

  it('reads definitions inline and from files, and durations', async () => {
    const defs = await file(
      'resourceDefinitions:\n  - id: pg\n    type: postgres\n    driver: postgres\n    criteria: [{ envType: production }]\n',
    );
    const read = await readOrchestratorConfig(
      config({
        environmentTypes: [{ id: 'qa', description: 'Where QA tests' }],
        resourceDefinitions: [
          { id: 'dns', type: 'dns', driver: 'dns', criteria: [{}] },
        ],
        resourceDefinitionFiles: [defs],
        reaper: { frequency: { seconds: 30 }, notifyBefore: 'PT2H' },
        runs: { lease: { seconds: 10 }, concurrency: 2 },
      }),
    );
    expect(read.environmentTypes).toEqual([
      { id: 'qa', description: 'Where QA tests', source: 'config' },
    ]);
    expect(read.definitions.map(d => d.id)).toEqual(['dns', 'pg']);
    expect(read.reaper).toEqual({
      frequencyMs: 30_000,
      notifyBeforeMs: 7_200_000,
    });
    expect(read.runs).toEqual({ leaseMs: 10_000, concurrency: 2 });
  });

  it('names the file, the definition and the field that is wrong', async () => {
    const defs = await file(
      '- id: pg\n  type: postgres\n  driver: postgres\n  criteria: [{ envtype: production }]\n',
    );
    await expect(
      readOrchestratorConfig(config({ resourceDefinitionFiles: [defs] })),
    ).rejects.toThrow(
      `Resource definition ${defs} [0].criteria.0: Unrecognized key(s) in object: 'envtype'`,
    );
    await expect(
      readOrchestratorConfig(
        config({
          resourceDefinitions: [
            {
              id: 'pg',
              type: 'postgres',
              driver: 'postgres',
              driverInputs: { values: { adminPassword: 'hunter2' } },
              criteria: [{}],
            },
          ],
        }),
      ),
    ).rejects.toThrow(
      'plinth.orchestrator.resourceDefinitions[0].driverInputs.values.adminPassword: looks like a credential: keep it as a platform secret and name it under driverInputs.secretRefs',
    );
    // The template driver's secret output templates are no credential.
    const templated = await readOrchestratorConfig(
      config({
        resourceDefinitions: [
          {
            id: 'kafka',
            type: 'kafka-topic',
            driver: 'template',
            driverInputs: {
              values: {
                outputs: { host: 'kafka.internal' },
                secrets: { password: '${inputs.password}' },
              },
              secretRefs: { password: 'kafka-password' },
            },
            criteria: [{}],
          },
        ],
      }),
    );
    expect(templated.definitions.map(d => d.id)).toEqual(['kafka']);
    await expect(
      readOrchestratorConfig(
        config({ resourceDefinitionFiles: ['/nonexistent/defs.yaml'] }),
      ),
    ).rejects.toThrow(
      'Resource definition file /nonexistent/defs.yaml cannot be read: ENOENT',
    );
  });

  it('refuses a definition id given twice, naming both places', async () => {
    const defs = await file(
      '- { id: pg, type: postgres, driver: postgres, criteria: [{}] }\n',
    );
    await expect(
      readOrchestratorConfig(
        config({
          resourceDefinitions: [
            { id: 'pg', type: 'postgres', driver: 'postgres', criteria: [{}] },
          ],
          resourceDefinitionFiles: [defs],
        }),
      ),
    ).rejects.toThrow(
      `Resource definition "pg" is defined twice: in plinth.orchestrator.resourceDefinitions[0] and ${defs} [0]`,
    );
  });
});
