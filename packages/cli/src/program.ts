import { Command, Option } from 'commander';
import { doraCommand, DoraCommandOptions } from './commands/dora';
import { entityCommand } from './commands/entity';
import { importPortCommand } from './commands/importPort';
import {
  scoreRenderCommand,
  ScoreRenderOptions,
  scoreValidateCommand,
} from './commands/score';
import { scorecardCommand } from './commands/scorecard';
import { CommandResult, validateCommand } from './commands/validate';

async function report(result: Promise<CommandResult>) {
  const { exitCode, stdout, stderr } = await result;
  process.stdout.write(stdout);
  if (stderr) process.stderr.write(stderr);
  process.exitCode = exitCode;
}

/**
 * The command tree. Usage errors throw a CommanderError (exitOverride), which
 * the entry point turns into exit code 2.
 */
export function createProgram(): Command {
  const program = new Command('plinth')
    .description(
      'Plinth: check Port-format blueprints and entities, and bring them into the Backstage catalog',
    )
    .exitOverride();

  program
    .command('validate')
    .description(
      'Validate blueprints and entities (JSON or YAML files, or folders of them). Errors are printed on stdout, warnings (what is applied all the same, such as Port\'s "type": "enum") on stderr. Exit 0 when there is no error, 1 when there is one, 2 on a usage error.',
    )
    .argument('<paths...>', 'files or folders')
    .addOption(
      new Option('--format <format>', 'how to print problems')
        .choices(['text', 'json'])
        .default('text'),
    )
    .option('--strict', 'treat warnings as errors', false)
    .exitOverride()
    .action(
      (
        paths: string[],
        options: { format: 'text' | 'json'; strict: boolean },
      ) => report(validateCommand(paths, options)),
    );

  program
    .command('entity')
    .description(
      'Print an entity (Port JSON) with its calculation properties computed by jq, from what the entity itself holds; calculations that need mirror properties are skipped. Exit 0 when every calculation succeeds, 1 when one fails or the input is invalid, 2 on a usage error.',
    )
    .argument('<entity>', 'a file holding the entity (JSON or YAML)')
    .requiredOption('--blueprints <paths...>', 'blueprint files or folders')
    .exitOverride()
    .action((path: string, options: { blueprints: string[] }) =>
      report(entityCommand(path, options)),
    );

  program
    .command('scorecard')
    .description(
      "Print, as JSON, for each scorecard and each entity it applies to, the level reached and every rule's result (derived properties computed over the entities given). Exit 0 when every definition is valid, 1 when one is not (the valid ones are still evaluated), 2 on a usage error.",
    )
    .argument(
      '<scorecards...>',
      "scorecard files or folders (JSON or YAML; one, a list, or Port's grouped form)",
    )
    .requiredOption('--blueprints <paths...>', 'blueprint files or folders')
    .requiredOption('--entities <paths...>', 'entity files or folders')
    .exitOverride()
    .action(
      (
        paths: string[],
        options: { blueprints: string[]; entities: string[] },
      ) => report(scorecardCommand(paths, options)),
    );

  program
    .command('dora')
    .description(
      'Compute DORA metrics (deployment frequency, lead time, change failure rate, recovery time, rework rate, with tiers) from a JSON Lines file of change, deployment and incident events, as JSON. Exit 0 when every line is valid, 1 when a line is not (reported on stderr with its number), 2 on a usage error.',
    )
    .argument('<events>', 'a JSON Lines file of events')
    .option(
      '--from <date>',
      "start of the window (ISO 8601); the first event's day by default",
    )
    .option(
      '--to <date>',
      'end of the window, exclusive; the day after the last event by default',
    )
    .addOption(
      new Option(
        '--group-by <groupBy>',
        'one result per entity, or one for all',
      )
        .choices(['entity', 'none'])
        .default('entity'),
    )
    .option('--environment <name>', 'the environment measured', 'production')
    .exitOverride()
    .action((path: string, options: DoraCommandOptions) =>
      report(doraCommand(path, options)),
    );

  const scoreCommand = program
    .command('score')
    .description('Score workload files (score.dev/v1b1)')
    .exitOverride();
  scoreCommand
    .command('validate')
    .description(
      'Validate Score workload files (or folders of score.yaml, *.score.yaml and score.json files) against the Score specification, placeholders included. One line per problem, file:line:column: key: message. Exit 0 when every file is valid, 1 when one is not, 2 on a usage error.',
    )
    .argument('<paths...>', 'files or folders')
    .addOption(
      new Option('--format <format>', 'how to print problems')
        .choices(['text', 'json'])
        .default('text'),
    )
    .exitOverride()
    .action((paths: string[], options: { format: 'text' | 'json' }) =>
      report(scoreValidateCommand(paths, options)),
    );
  scoreCommand
    .command('render')
    .description(
      'Render Score workload files as Kubernetes manifests without an orchestrator, resources from the template resource definitions of --definitions or from built-in in-cluster defaults (a StatefulSet, Service and Secret per postgres, mysql, redis, amqp or mongodb resource). One YAML file per object in --out. Exit 0 when every workload rendered, 1 on a problem (nothing is written), 2 on a usage error.',
    )
    .argument('<paths...>', 'Score files or folders')
    .requiredOption('--out <dir>', 'the folder to write the manifests to')
    .option('--env <id>', 'the environment', 'development')
    .option('--env-type <type>', "the environment's type", 'development')
    .option('--namespace <ns>', 'the namespace; the environment by default')
    .option(
      '--app <ref>',
      "the app's entity ref; component:default/<first workload> by default",
    )
    .option(
      '--seed <text>',
      "the secret the databases' passwords are derived from (the same seed gives the same passwords); required when a database is rendered",
    )
    .option(
      '--definitions <file|dir>',
      "resource definitions (a YAML or JSON file, or a folder of them; repeatable): template definitions give their resources' outputs, the others cannot run offline and give way to the defaults",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      '--values <file>',
      'a YAML or JSON file of values: and secrets: (maps of names to texts) that environment resources give',
    )
    .option(
      '--gateway <namespace/name>',
      'render routes as Gateway API HTTPRoutes attached to this Gateway (<namespace>/<name>, or <namespace>/<name>/<section> for one of its listeners) instead of an Ingress',
    )
    .option(
      '--ingress-class <name>',
      "the ingress class of the routes' Ingresses; the cluster's default class when not given",
    )
    .addOption(
      new Option('--format <format>', 'how to print the summary and problems')
        .choices(['text', 'json'])
        .default('text'),
    )
    .exitOverride()
    .action((paths: string[], options: ScoreRenderOptions) =>
      report(scoreRenderCommand(paths, options)),
    );

  const importCommand = program
    .command('import')
    .description('Import data from another portal')
    .exitOverride();
  importCommand
    .command('port')
    .description(
      'Write Backstage catalog YAML for Port entities (and their blueprints), with a catalog-info.yaml Location that registers them all',
    )
    .argument('<paths...>', 'entity files or folders')
    .requiredOption('--blueprints <paths...>', 'blueprint files or folders')
    .requiredOption('--out <dir>', 'the folder to write to')
    .exitOverride()
    .action((paths: string[], options: { blueprints: string[]; out: string }) =>
      report(importPortCommand(paths, options)),
    );

  return program;
}
