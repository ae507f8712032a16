import { InputError } from '@backstage/errors';
import type { ResourceDriverRequest } from '@plinth/plugin-orchestrator-node';

/**
 * A port number param (a number, or a text of digits, as Score params may
 * be either): required, 1 to 65535.
 * @throws InputError naming the resource and the param
 */
export function portParamOf(
  request: Pick<ResourceDriverRequest, 'key' | 'type' | 'params'>,
  name: string,
): number {
  const value = request.params[name];
  const where = `Resource "${request.key}" (${request.type}): params.${name}`;
  if (value === undefined || value === null || value === '') {
    throw new InputError(
      `${where} is required: the port number, from 1 to 65535.`,
    );
  }
  let port = NaN;
  if (typeof value === 'number') port = value;
  else if (typeof value === 'string' && /^\d+$/.test(value)) {
    port = Number(value);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InputError(
      `${where} must be a port number from 1 to 65535, not ${JSON.stringify(
        value,
      )}.`,
    );
  }
  return port;
}

/**
 * A required text param.
 * @throws InputError naming the resource and the param, and what it is for
 */
export function textParamOf(
  request: Pick<ResourceDriverRequest, 'key' | 'type' | 'params'>,
  name: string,
  what: string,
): string {
  const value = request.params[name];
  const where = `Resource "${request.key}" (${request.type}): params.${name}`;
  if (value === undefined || value === null || value === '') {
    throw new InputError(`${where} is required: ${what}.`);
  }
  if (typeof value !== 'string') {
    throw new InputError(`${where} must be a text: ${what}.`);
  }
  return value;
}
