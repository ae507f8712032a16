import { formatScoreProblem, parseScore } from './parseScore';
import { findPlaceholders, substitutePlaceholders } from './placeholders';

describe('placeholders', () => {
  it('finds ${…} placeholders and writes $${ and $$ out as literals', () => {
    const value =
      'postgres://${resources.db.host}:${ resources.db.port }/$${HOME} costs $$5';
    expect(findPlaceholders(value).map(p => p.expression)).toEqual([
      'resources.db.host',
      'resources.db.port',
    ]);
    expect(
      substitutePlaceholders(value, p => p.segments[2].toUpperCase()),
    ).toBe('postgres://HOST:PORT/${HOME} costs $5');
  });

  it('names an unclosed placeholder', () => {
    expect(() => findPlaceholders('x ${resources.db.host')).toThrow(
      '"${resources.db.host" opens a placeholder that is not closed with "}" (write $${ for a literal ${)',
    );
  });

  it('refuses a workload whose placeholders name no resource, output or metadata, saying where', () => {
    const text = `apiVersion: score.dev/v1b1
metadata: { name: cart }
containers:
  api:
    image: nginx
    variables:
      DB: \${resources.dbx.host}
      PW: \${resources.db.pasword}
      NAME: \${metadata.name} \${metadata.team}
      ODD: \${env.HOME}
      OK: \${resources.values.ANY_NAME} $\${resources.nothing}
    volumes:
      - source: \${resources.data}
        target: /data
resources:
  db: { type: postgres }
  data: { type: volume }
  values: { type: environment }
  route:
    type: route
    params:
      host: \${resources.dns.hostname}
  dns: { type: dns }
`;
    const { workload, problems } = parseScore(text, 'cart/score.yaml');
    expect(workload).toBeUndefined();
    expect(problems.map(formatScoreProblem)).toEqual([
      'cart/score.yaml:7:11: containers.api.variables.DB: ${resources.dbx.host} names no resource of this workload; its resources are: db, data, values, route, dns',
      'cart/score.yaml:8:11: containers.api.variables.PW: ${resources.db.pasword}: a postgres resource has no output "pasword"; its outputs are: host, port, name, database, username, password',
      'cart/score.yaml:9:13: containers.api.variables.NAME: ${metadata.team} names no metadata of this workload (such as ${metadata.name})',
      'cart/score.yaml:10:12: containers.api.variables.ODD: ${env.HOME} is not a Score placeholder: they start with metadata. or resources. (write $${ for a literal ${)',
      'cart/score.yaml:22:13: resources.route.params.host: ${resources.dns.hostname}: a dns resource has no output "hostname"; its outputs are: host',
    ]);
  });
});
