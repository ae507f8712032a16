import {
  jsonPointer,
  parseDocument,
  Problem,
} from '@plinth/plugin-blueprints-common';
import { promises as fs } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';

/**
 * A blueprint as read from a file, not yet validated.
 * @public
 */
export interface BlueprintDocument {
  value: unknown;
  source: string;
  pointer: string;
}

/**
 * A Port entity as read from a file, not yet validated.
 * @public
 */
export interface EntityDocument {
  value: unknown;
  source: string;
  pointer: string;
  /**
   * The blueprint the file's location gives the entity: the `blueprint` of a
   * `{ blueprint, data }` group, or the name of the folder the file is in
   * (which counts only if a blueprint of that name exists).
   */
  blueprintHint?: string;
}

/**
 * Everything read from a set of Port-format files.
 * @public
 */
export interface PortFileContents {
  blueprints: BlueprintDocument[];
  entities: EntityDocument[];
  /** Files that could not be read or parsed, and documents of no known shape. */
  problems: Problem[];
}

/**
 * Options for {@link readPortFiles}.
 * @public
 */
export interface ReadPortFilesOptions {
  /** Sources are named relative to this folder; the working folder by default. */
  relativeTo?: string;
  /** The largest document accepted, in bytes; see `parseDocument`. */
  maxBytes?: number;
}

const EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

/**
 * The JSON and YAML files at a path: the file itself, or every such file in
 * the folder and its subfolders (hidden ones and `node_modules` left out),
 * sorted by name so that every machine reads them in the same order.
 * @public
 */
export async function listDocumentFiles(path: string): Promise<string[]> {
  const stat = await fs.stat(path);
  if (!stat.isDirectory()) return [path];
  const entries = await fs.readdir(path, { withFileTypes: true });
  const files: string[] = [];
  // Sorted, so problems and entities come in the same order on every machine.
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listDocumentFiles(child)));
    } else if (EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      files.push(child);
    }
  }
  return files;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sorts one parsed document into blueprints and entities: an object with a
 * `schema` is a blueprint, one with an `identifier` an entity, one with
 * `blueprint` and a `data` array a group of that blueprint's entities (Port's
 * resource-file form); an array holds any of these.
 */
function classify(
  value: unknown,
  source: string,
  pointer: string,
  folderHint: string,
  contents: PortFileContents,
) {
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      classify(item, source, `${pointer}/${index}`, folderHint, contents),
    );
    return;
  }
  if (isObject(value) && 'schema' in value) {
    contents.blueprints.push({ value, source, pointer });
  } else if (isObject(value) && 'identifier' in value) {
    contents.entities.push({
      value,
      source,
      pointer,
      blueprintHint: folderHint,
    });
  } else if (
    isObject(value) &&
    typeof value.blueprint === 'string' &&
    Array.isArray(value.data)
  ) {
    const blueprint = value.blueprint;
    value.data.forEach((item, index) =>
      contents.entities.push({
        value: item,
        source,
        pointer: `${pointer}${jsonPointer('data', index)}`,
        blueprintHint: blueprint,
      }),
    );
  } else {
    contents.problems.push({
      source,
      pointer,
      message:
        'expected a blueprint (an object with "schema"), an entity (an object with "identifier"), a { "blueprint", "data": [entities] } group, or an array of these',
    });
  }
}

/**
 * Reads Port-format blueprints and entities from files and folders: JSON or
 * YAML, one object or an array per file (several YAML documents count as an
 * array), folders read recursively. An entity without a `blueprint` field
 * takes the name of its folder, as in `entities/Component/CartService.json`.
 *
 * Nothing is validated here beyond the shape of each document; a file that
 * cannot be read or parsed becomes a problem and the rest is still read.
 *
 * @public
 */
export async function readPortFiles(
  paths: string[],
  options: ReadPortFilesOptions = {},
): Promise<PortFileContents> {
  const relativeTo = options.relativeTo ?? process.cwd();
  const contents: PortFileContents = {
    blueprints: [],
    entities: [],
    problems: [],
  };
  for (const path of paths) {
    const absolute = resolve(relativeTo, path);
    let files: string[];
    try {
      files = await listDocumentFiles(absolute);
    } catch (error) {
      contents.problems.push({
        source: path,
        pointer: '',
        message:
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'no such file or folder'
            : `cannot be read: ${(error as Error).message}`,
      });
      continue;
    }
    for (const file of files) {
      const source = relative(relativeTo, file) || file;
      let text: string;
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (error) {
        contents.problems.push({
          source,
          pointer: '',
          message: `cannot be read: ${(error as Error).message}`,
        });
        continue;
      }
      const parsed = parseDocument(text, source, {
        maxBytes: options.maxBytes,
      });
      contents.problems.push(...parsed.problems);
      if (parsed.problems.length === 0) {
        classify(parsed.value, source, '', basename(dirname(file)), contents);
      }
    }
  }
  return contents;
}
