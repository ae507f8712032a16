import { Entity } from '@backstage/catalog-model';
import {
  blueprintToEntity,
  errorsOf,
  portEntitiesToBackstage,
  validatePortDocuments,
} from '@plinth/plugin-blueprints-common';
import { readPortFiles } from '@plinth/plugin-blueprints-node';
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import {
  CommandResult,
  EXIT_INVALID,
  EXIT_VALID,
  problemLines,
} from './validate';

function yamlFile(entity: Entity): string {
  return stringify(entity, { lineWidth: 0 });
}

/**
 * `plinth import port <file|dir>... --blueprints <file|dir> --out <dir>`:
 * Backstage catalog YAML for a Port export. Writes one file per blueprint
 * (`blueprints/<name>.yaml`, kind Blueprint) and per entity
 * (`<kind>/<name>.yaml`, mapped together by `portEntitiesToBackstage`, so
 * that an API's provider is the providing Component's `providesApis`), and
 * a `catalog-info.yaml` Location that registers them all. Nothing is
 * written when anything is invalid; warnings are printed on stderr and
 * keep nothing out.
 */
export async function importPortCommand(
  paths: string[],
  options: { blueprints: string[]; out: string; cwd?: string },
): Promise<CommandResult> {
  const cwd = options.cwd ?? process.cwd();
  const blueprintFiles = await readPortFiles(options.blueprints, {
    relativeTo: cwd,
  });
  const entityFiles = await readPortFiles(paths, { relativeTo: cwd });
  const validated = validatePortDocuments(
    {
      blueprints: [...blueprintFiles.blueprints, ...entityFiles.blueprints],
      entities: [...blueprintFiles.entities, ...entityFiles.entities],
    },
    { checkRelationTargets: true },
  );
  const problems = [
    ...blueprintFiles.problems,
    ...entityFiles.problems,
    ...validated.problems,
  ];
  if (errorsOf(problems).length > 0) {
    return {
      exitCode: EXIT_INVALID,
      stdout: `${problemLines(problems)}nothing was written\n`,
    };
  }

  const blueprints = new Map(validated.blueprints.map(b => [b.identifier, b]));
  const files = new Map<string, string>();
  for (const blueprint of validated.blueprints) {
    const entity = blueprintToEntity(blueprint);
    files.set(
      join('blueprints', `${entity.metadata.name}.yaml`),
      yamlFile(entity),
    );
  }
  for (const mapped of portEntitiesToBackstage(validated.entities, {
    blueprints,
  })) {
    files.set(
      join(
        mapped.kind.toLocaleLowerCase('en-US'),
        `${mapped.metadata.name}.yaml`,
      ),
      yamlFile(mapped),
    );
  }
  const location: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: 'plinth-port-import',
      description:
        'Blueprints and entities imported from Port by plinth import port',
    },
    spec: { targets: [...files.keys()].sort().map(file => `./${file}`) },
  };
  files.set('catalog-info.yaml', yamlFile(location));

  const out = resolve(cwd, options.out);
  for (const [file, text] of files) {
    await fs.mkdir(join(out, file, '..'), { recursive: true });
    await fs.writeFile(join(out, file), text, 'utf8');
  }
  return {
    exitCode: EXIT_VALID,
    stdout: `wrote ${validated.blueprints.length} blueprint(s), ${
      validated.entities.length
    } entit${
      validated.entities.length === 1 ? 'y' : 'ies'
    } and catalog-info.yaml to ${options.out}\n`,
    ...(problems.length > 0 ? { stderr: problemLines(problems) } : {}),
  };
}
