import { formatScoreProblem, parseScore } from './parseScore';

const valid = `apiVersion: score.dev/v1b1
metadata:
  name: cart-service
  annotations:
    plinth.dev/team: cart
service:
  ports:
    www:
      port: 80
      targetPort: 8080
containers:
  api:
    image: ghcr.io/orders/cart:1.4.2
    command: ["node"]
    args: ["server.js"]
    variables:
      DATABASE_URL: postgres://\${resources.db.username}:\${resources.db.password}@\${resources.db.host}/\${resources.db.database}
      LITERAL: "$\${not.a.placeholder}"
    files:
      - target: /etc/cart/config.yaml
        mode: "0600"
        content: |
          name: \${metadata.name}
    volumes:
      - source: \${resources.data}
        target: /data
        readOnly: true
    resources:
      limits: { memory: 512Mi, cpu: 500m }
      requests: { memory: 128Mi, cpu: "0.25" }
    livenessProbe:
      httpGet: { path: /healthz, port: 8080 }
    readinessProbe:
      exec: { command: ["/bin/ready"] }
resources:
  db:
    type: postgres
  cache:
    type: redis
    class: large
  data:
    type: volume
  dns:
    type: dns
    id: shared.dns
`;

describe('parseScore', () => {
  it('reads a workload of every Score field', () => {
    const { workload, problems } = parseScore(valid, 'cart/score.yaml');
    expect(problems).toEqual([]);
    expect(workload?.metadata.name).toBe('cart-service');
    expect(workload?.containers.api.resources?.limits?.memory).toBe('512Mi');
    expect(Object.keys(workload?.resources ?? {})).toEqual([
      'db',
      'cache',
      'data',
      'dns',
    ]);
  });

  it('names file, line, column and key of each problem, in sentences', () => {
    const text = `apiVersion: score.dev/v1b1
metadata:
  name: Cart_Service
containers:
  api:
    image: nginx
    variables:
      PORT: 8080
    replicas: 3
    livenessProbe:
      httpGet: { path: /healthz }
resources:
  db:
    class: large
`;
    const { workload, problems } = parseScore(text, 'cart/score.yaml');
    expect(workload).toBeUndefined();
    expect(problems.map(formatScoreProblem)).toEqual([
      'cart/score.yaml:3:9: metadata.name: must be 2 to 63 lowercase letters, digits or "-", not starting or ending with "-"',
      'cart/score.yaml:8:13: containers.api.variables.PORT: must be a text (quote numbers and booleans)',
      'cart/score.yaml:9:5: containers.api.replicas: is not a Score field here (see the Score specification for the fields allowed in containers.api)',
      'cart/score.yaml:11:16: containers.api.livenessProbe.httpGet.port: is required',
      'cart/score.yaml:14:5: resources.db.type: is required',
    ]);
  });

  it('points at a bad name where the name is written', () => {
    const text = `apiVersion: score.dev/v1b1
metadata: { name: cart }
containers:
  API_Server:
    image: nginx
`;
    expect(parseScore(text, 'score.yaml').problems).toEqual([
      {
        file: 'score.yaml',
        line: 4,
        column: 3,
        key: 'containers.API_Server',
        message:
          'name must be 2 to 63 lowercase letters, digits or "-", not starting or ending with "-"',
      },
    ]);
  });

  it('says what is wrong with a file that is not a workload', () => {
    expect(parseScore('', 'a.yaml').problems[0].message).toBe(
      'is empty: a Score workload is expected',
    );
    expect(
      parseScore('apiVersion: [unclosed', 'b.yaml').problems[0],
    ).toMatchObject({ file: 'b.yaml', line: 1 });
    expect(
      parseScore('apiVersion: score.dev/v1b1\n---\nother: 1\n', 'c.yaml')
        .problems[0].message,
    ).toBe('holds 2 documents; a Score file holds one workload');
    expect(parseScore('- 1\n', 'd.yaml').problems.map(p => p.message)).toEqual([
      'must be a Score workload: a map with apiVersion, metadata and containers',
    ]);
    expect(
      parseScore(
        'apiVersion: score.dev/v1b2\nmetadata: {name: ab}\ncontainers: {}\n',
        'e.yaml',
      ).problems.map(formatScoreProblem),
    ).toEqual([
      'e.yaml:1:13: apiVersion: must be score.dev/v1b1',
      'e.yaml:3:13: containers: must name at least one container',
    ]);
  });

  it('asks a file for exactly one of source and content, and a probe for one kind', () => {
    const text = `apiVersion: score.dev/v1b1
metadata: { name: cart }
containers:
  api:
    image: nginx
    files:
      - target: /a
    readinessProbe:
      httpGet: { path: /, port: 80 }
      exec: { command: [/bin/true] }
`;
    expect(parseScore(text, 's.yaml').problems.map(formatScoreProblem)).toEqual(
      [
        's.yaml:7:9: containers.api.files[0]: must have exactly one of source and content',
        's.yaml:9:7: containers.api.readinessProbe: must have exactly one of httpGet and exec',
      ],
    );
  });
});
