/** A key path as people write it: `containers.api.files[0].target`. */
export function keyPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, i) =>
      typeof segment === 'number'
        ? `[${segment}]`
        : `${i === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}
