import { translateCompose } from '../../lib/import/compose';

/** An error like the file system's for a file that does not exist. */
function missing(relative: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${relative}'`), { code: 'ENOENT' });
}

/** Translates `yaml` as `compose.yaml`, with the files beside it given by name. */
function translate(yaml: string, files: Record<string, string> = {}, namespace = 'shop') {
  return translateCompose(yaml, 'compose.yaml', {
    namespace,
    readFile: (relative) => {
      const key = relative.replace(/^\.\//, '');
      if (key in files) return files[key];
      throw missing(relative);
    },
  });
}

type Translation = ReturnType<typeof translate>;

/** The object of `kind` named `name`. */
function objectOf(result: Translation, kind: string, name: string): any {
  const found = result.objects.find((o) => o.object.kind === kind && (o.object.metadata as any).name === name);
  if (!found) throw new Error(`no ${kind} ${name} among ${result.objects.map((o) => `${o.object.kind}/${(o.object.metadata as any).name}`).join(', ')}`);
  return found.object;
}

/** The main container of the Deployment `name`. */
function containerOf(result: Translation, name: string): any {
  return objectOf(result, 'Deployment', name).spec.template.spec.containers[0];
}

/** The problems whose source is `compose.yaml: <path>`, as messages. */
function problemsAt(result: Translation, path: string): string[] {
  return result.problems.filter((p) => p.source === `compose.yaml: ${path}`).map((p) => p.message);
}

/** The kinds and names of the objects, in order. */
function names(result: Translation): string[] {
  return result.objects.map((o) => `${o.object.kind}/${(o.object.metadata as any).name}`);
}

describe('services', () => {
  test('GIVEN a service with ports WHEN translated THEN it is a Deployment and a ClusterIP Service named after it, from services.NAME', () => {
    // GIVEN a service publishing a port
    // WHEN it is translated
    const result = translate('services:\n  web:\n    image: nginx:1.25\n    ports: ["8080:80"]\n');
    // THEN there is a Deployment and a Service, both sourced at the service
    expect(names(result)).toEqual(['Deployment/web', 'Service/web']);
    expect(result.objects.map((o) => o.source)).toEqual(['compose.yaml: services.web', 'compose.yaml: services.web']);
    const service = objectOf(result, 'Service', 'web');
    expect(service.spec).toEqual({
      ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80 }],
      selector: { 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'web' },
      type: 'ClusterIP',
    });
    expect(containerOf(result, 'web')).toEqual({ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }] });
  });

  test('GIVEN a service without ports WHEN translated THEN it is a worker Deployment and no Service', () => {
    // GIVEN a service with no ports and no expose
    // WHEN it is translated
    const result = translate('services:\n  worker:\n    image: acme/worker:2\n');
    // THEN it is a Deployment, and no Service
    expect(names(result)).toEqual(['Deployment/worker']);
    expect(result.problems).toEqual([]);
  });

  test('GIVEN a namespace WHEN translated THEN every object is in it', () => {
    // GIVEN services using a volume and an env file
    const yaml = 'services:\n  db:\n    image: postgres:16\n    env_file: db.env\n    ports: ["5432"]\n    volumes: ["data:/var/lib/postgresql/data"]\nvolumes:\n  data:\n';
    // WHEN they are translated into the namespace "store"
    const result = translate(yaml, { 'db.env': 'A=1\n' }, 'store');
    // THEN every object has it
    expect(names(result)).toEqual(['ConfigMap/db-env', 'PersistentVolumeClaim/data', 'Deployment/db', 'Service/db']);
    expect(result.objects.map((o) => (o.object.metadata as any).namespace)).toEqual(['store', 'store', 'store', 'store']);
  });

  test('GIVEN a service name that is no Kubernetes name WHEN translated THEN it is not imported, with a problem suggesting a name, and the rest is', () => {
    // GIVEN a service named with an underscore, and a valid one
    // WHEN they are translated
    const result = translate('services:\n  my_api:\n    image: acme/api:1\n  web:\n    image: nginx:1.25\n');
    // THEN only the valid one is imported, and the problem names a valid alternative
    expect(names(result)).toEqual(['Deployment/web']);
    expect(problemsAt(result, 'services.my_api')).toEqual([expect.stringMatching(/^"my_api" cannot be a Kubernetes name \(.*\): the service is not imported; rename it \(e\.g\. "my-api"\)/)]);
  });

  test('GIVEN a service with ports whose name starts with a digit WHEN translated THEN it is refused (a Service name is a DNS-1035 label)', () => {
    // GIVEN a service named "1api" with a port
    // WHEN it is translated
    const result = translate('services:\n  1api:\n    image: acme/api:1\n    expose: ["80"]\n');
    // THEN it is not imported, and the problem says a Service name must start with a letter
    expect(result.objects).toEqual([]);
    expect(problemsAt(result, 'services.1api')[0]).toContain('a Service name: a DNS-1035 label');
  });

  test('GIVEN a service with build and no image WHEN translated THEN it is not imported, and the problem says to push an image', () => {
    // GIVEN a service that only builds
    // WHEN it is translated
    const result = translate('services:\n  app:\n    build: .\n');
    // THEN nothing is made, and the problem says what to do
    expect(result.objects).toEqual([]);
    expect(problemsAt(result, 'services.app')).toEqual([expect.stringContaining('has only build, no image: a cluster runs images from a registry; build and push the image')]);
  });

  test('GIVEN a service without image or build WHEN translated THEN it is not imported, and the problem says what image: takes', () => {
    const result = translate('services:\n  app:\n    command: [serve]\n');
    expect(result.objects).toEqual([]);
    expect(problemsAt(result, 'services.app')).toEqual(['has no image (received undefined); allowed: the image it runs, e.g. image: nginx:1.25. The service is not imported']);
  });

  test('GIVEN a service with build and image WHEN translated THEN it runs the image, and build is a problem', () => {
    // GIVEN a service that builds and names its image
    // WHEN it is translated
    const result = translate('services:\n  app:\n    build: ./app\n    image: acme/app:3\n');
    // THEN the Deployment runs the image, and build is reported as not imported
    expect(containerOf(result, 'app').image).toBe('acme/app:3');
    expect(problemsAt(result, 'services.app.build')).toEqual(['not imported: the workload runs the image "acme/app:3"; build and push it before deploying']);
  });

  test('GIVEN an invalid image WHEN translated THEN the service is not imported, with a problem at image', () => {
    // GIVEN an image reference in upper case
    // WHEN it is translated
    const result = translate('services:\n  app:\n    image: Acme/App\n');
    // THEN the problem names the image
    expect(result.objects).toEqual([]);
    expect(problemsAt(result, 'services.app.image')[0]).toMatch(/^"Acme\/App" is not an image reference/);
  });

  test('GIVEN a service WHEN translated THEN its pods carry the default selector\'s labels only, and the objects none (the constructs add the recommended labels)', () => {
    // GIVEN a service with a port
    // WHEN translated into the namespace "store"
    const result = translate('services:\n  web:\n    image: acme/web:2.4.1\n    expose: ["80"]\n', {}, 'store');
    // THEN the Deployment selects its pods by the construct's default selector, and no object has labels of its own
    const selector = { 'app.kubernetes.io/instance': 'store', 'app.kubernetes.io/name': 'web' };
    const deployment = objectOf(result, 'Deployment', 'web');
    expect(deployment.spec.selector).toEqual({ matchLabels: selector });
    expect(deployment.spec.template.metadata).toEqual({ labels: selector });
    expect(objectOf(result, 'Service', 'web').spec.selector).toEqual(selector);
    expect(result.objects.map((o) => (o.object.metadata as any).labels)).toEqual([undefined, undefined]);
  });

  test('GIVEN a service that is not a map WHEN translated THEN it is a problem', () => {
    // GIVEN a service given as a string
    // WHEN it is translated
    const result = translate('services:\n  app: nginx\n');
    // THEN it is not imported
    expect(result.objects).toEqual([]);
    expect(problemsAt(result, 'services.app')).toEqual(['received "nginx"; allowed: a map of the service\'s options (image, ports, environment, ...)']);
  });
});

describe('command and environment', () => {
  test('GIVEN entrypoint and command WHEN translated THEN they are the container\'s command and args', () => {
    // GIVEN an entrypoint list and a command string
    // WHEN translated
    const result = translate('services:\n  app:\n    image: acme/app:1\n    entrypoint: ["/bin/app"]\n    command: serve --port "80 80"\n');
    // THEN the entrypoint is the command and the command the args, split with shell quoting
    expect(containerOf(result, 'app')).toMatchObject({ command: ['/bin/app'], args: ['serve', '--port', '80 80'] });
  });

  test('GIVEN a command with an unclosed quote WHEN translated THEN it is a problem and the service is imported without it', () => {
    const result = translate('services:\n  app:\n    image: acme/app:1\n    command: echo "open\n');
    expect(containerOf(result, 'app').args).toBeUndefined();
    expect(problemsAt(result, 'services.app.command')[0]).toContain('allowed: a list of words, or a string');
  });

  test('GIVEN environment as a map WHEN translated THEN each is an env value, numbers and booleans as strings', () => {
    // GIVEN a map with a string, a number and a boolean
    // WHEN translated
    const result = translate('services:\n  app:\n    image: acme/app:1\n    environment:\n      MODE: prod\n      WORKERS: 4\n      DEBUG: false\n');
    // THEN the env lists them in order, as strings
    expect(containerOf(result, 'app').env).toEqual([{ name: 'MODE', value: 'prod' }, { name: 'WORKERS', value: '4' }, { name: 'DEBUG', value: 'false' }]);
  });

  test('GIVEN environment as a list WHEN translated THEN each NAME=value is an env value', () => {
    const result = translate('services:\n  app:\n    image: acme/app:1\n    environment:\n      - MODE=prod\n      - URL=http://x?a=b\n');
    expect(containerOf(result, 'app').env).toEqual([{ name: 'MODE', value: 'prod' }, { name: 'URL', value: 'http://x?a=b' }]);
  });

  test('GIVEN a variable without a value WHEN translated THEN it is left out with a problem (import never reads its environment)', () => {
    // GIVEN a name without value, in both forms
    // WHEN translated
    const result = translate('services:\n  app:\n    image: acme/app:1\n    environment:\n      - TOKEN\n      - MODE=prod\n');
    // THEN only the valued one is set, and the problem says why
    expect(containerOf(result, 'app').env).toEqual([{ name: 'MODE', value: 'prod' }]);
    expect(problemsAt(result, 'services.app.environment.TOKEN')[0]).toMatch(/^has no value: Compose takes it from the environment it runs in, which import never reads/);
  });

  test('GIVEN a variable whose name says it is a secret WHEN translated THEN it is imported, with a problem saying to keep it in a Secret', () => {
    // GIVEN a password in the environment
    // WHEN translated
    const result = translate('services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n      POSTGRES_USER: shop\n');
    // THEN the value is kept, and only the password has a problem
    expect(containerOf(result, 'db').env).toContainEqual({ name: 'POSTGRES_PASSWORD', value: 'example' });
    expect(result.problems).toEqual([{
      source: 'compose.yaml: services.db.environment.POSTGRES_PASSWORD',
      message: 'looks like a secret: its value is written into the generated code; keep it in a Secret instead (EnvValue.fromSecret())',
    }]);
  });

  test('GIVEN working_dir, pull_policy and stop_grace_period WHEN translated THEN they are workingDir, imagePullPolicy and terminationGracePeriodSeconds', () => {
    // GIVEN the three keys
    const yaml = 'services:\n  app:\n    image: acme/app:1\n    working_dir: /srv\n    pull_policy: always\n    stop_grace_period: 1m30s\n';
    // WHEN translated
    const result = translate(yaml);
    // THEN each has its Kubernetes field
    expect(containerOf(result, 'app')).toMatchObject({ workingDir: '/srv', imagePullPolicy: 'Always' });
    expect(objectOf(result, 'Deployment', 'app').spec.template.spec.terminationGracePeriodSeconds).toBe(90);
  });

  test('GIVEN pull_policy: build WHEN translated THEN it is a problem and the default policy stays', () => {
    const result = translate('services:\n  app:\n    image: acme/app:1\n    pull_policy: build\n');
    expect(containerOf(result, 'app').imagePullPolicy).toBeUndefined();
    expect(problemsAt(result, 'services.app.pull_policy')[0]).toMatch(/^"build" has no Kubernetes counterpart/);
  });
});

describe('env_file', () => {
  test('GIVEN an env_file WHEN translated THEN it is a ConfigMap of its variables, in the container\'s envFrom', () => {
    // GIVEN a service reading api.env
    // WHEN translated
    const result = translate('services:\n  api:\n    image: acme/api:1\n    env_file: ./api.env\n', { 'api.env': '# comment\nNODE_ENV=production\nTTL=300\n' });
    // THEN a ConfigMap named after the file holds its variables, and the container reads it
    expect(objectOf(result, 'ConfigMap', 'api-env').data).toEqual({ NODE_ENV: 'production', TTL: '300' });
    expect(containerOf(result, 'api').envFrom).toEqual([{ configMapRef: { name: 'api-env' } }]);
    expect(result.objects[0].source).toBe('compose.yaml: services.api.env_file');
  });

  test('GIVEN one env_file named by two services WHEN translated THEN there is one ConfigMap both read', () => {
    const yaml = 'services:\n  a:\n    image: acme/a:1\n    env_file: common.env\n  b:\n    image: acme/b:1\n    env_file: [common.env]\n';
    const result = translate(yaml, { 'common.env': 'A=1\n' });
    expect(names(result)).toEqual(['ConfigMap/common-env', 'Deployment/a', 'Deployment/b']);
    expect(containerOf(result, 'b').envFrom).toEqual([{ configMapRef: { name: 'common-env' } }]);
  });

  test('GIVEN env_file: .env WHEN translated THEN its ConfigMap is named after the service', () => {
    const result = translate('services:\n  api:\n    image: acme/api:1\n    env_file: .env\n', { '.env': 'A=1\n' });
    expect(names(result)).toEqual(['ConfigMap/api-env', 'Deployment/api']);
  });

  test('GIVEN a missing env_file WHEN translated THEN it is a problem and the service is imported without it', () => {
    // GIVEN an env file that does not exist
    // WHEN translated
    const result = translate('services:\n  api:\n    image: acme/api:1\n    env_file: secrets.env\n');
    // THEN the problem names the file, and the Deployment has no envFrom
    expect(names(result)).toEqual(['Deployment/api']);
    expect(containerOf(result, 'api').envFrom).toBeUndefined();
    expect(problemsAt(result, 'services.api.env_file')).toEqual(['the env file secrets.env does not exist (beside the Compose file): its variables are not imported']);
  });

  test('GIVEN a missing env_file with required: false WHEN translated THEN it is skipped without a problem', () => {
    const result = translate('services:\n  api:\n    image: acme/api:1\n    env_file:\n      - path: local.env\n        required: false\n');
    expect(result.problems).toEqual([]);
    expect(containerOf(result, 'api').envFrom).toBeUndefined();
  });

  test('GIVEN several env files WHEN translated THEN envFrom lists them in order (the later wins, as in Compose)', () => {
    const result = translate('services:\n  api:\n    image: acme/api:1\n    env_file: [base.env, prod.env]\n', { 'base.env': 'A=1\n', 'prod.env': 'A=2\n' });
    expect(containerOf(result, 'api').envFrom).toEqual([{ configMapRef: { name: 'base-env' } }, { configMapRef: { name: 'prod-env' } }]);
  });

  test('GIVEN an env file with a secret-looking variable WHEN translated THEN a problem says it goes into a ConfigMap', () => {
    const result = translate('services:\n  api:\n    image: acme/api:1\n    env_file: api.env\n', { 'api.env': 'API_TOKEN=abc\nMODE=prod\n' });
    expect(objectOf(result, 'ConfigMap', 'api-env').data).toEqual({ API_TOKEN: 'abc', MODE: 'prod' });
    expect(problemsAt(result, 'services.api.env_file')).toEqual(['api.env: API_TOKEN looks like a secret: its value goes into a ConfigMap and the generated code; keep it in a Secret instead (EnvFrom.secret())']);
  });

  test('GIVEN an env file variable that cannot be a ConfigMap key WHEN translated THEN it is left out with a problem', () => {
    const result = translate('services:\n  api:\n    image: acme/api:1\n    env_file: api.env\n', { 'api.env': 'GOOD=1\nBAD/KEY=2\n' });
    expect(objectOf(result, 'ConfigMap', 'api-env').data).toEqual({ GOOD: '1' });
    expect(problemsAt(result, 'services.api.env_file')[0]).toMatch(/^api.env: the variable "BAD\/KEY" cannot be a Config key/);
  });
});

describe('ports', () => {
  test('GIVEN "80" WHEN translated THEN the Service port is the container port', () => {
    const result = translate('services:\n  web:\n    image: nginx:1.25\n    ports: ["80"]\n');
    expect(objectOf(result, 'Service', 'web').spec.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }]);
  });

  test('GIVEN several ports and protocols WHEN translated THEN the first is http and the others are named after protocol and port', () => {
    // GIVEN a TCP port, a UDP port and a long-syntax port with a name
    const yaml = 'services:\n  dns:\n    image: acme/dns:1\n    ports:\n      - "8053:53"\n      - "53:53/udp"\n      - target: 9153\n        name: metrics\n      - 9000\n';
    // WHEN translated
    const result = translate(yaml);
    // THEN each is a container port and a Service port
    expect(objectOf(result, 'Service', 'dns').spec.ports).toEqual([
      { name: 'http', port: 8053, protocol: 'TCP', targetPort: 53 },
      { name: 'udp-53', port: 53, protocol: 'UDP', targetPort: 53 },
      { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      { name: 'port-9000', port: 9000, protocol: 'TCP', targetPort: 9000 },
    ]);
    expect(containerOf(result, 'dns').ports.map((p: any) => p.name)).toEqual(['http', 'udp-53', 'metrics', 'port-9000']);
  });

  test('GIVEN published ports WHEN translated THEN a problem says the Service is reached inside the cluster only', () => {
    const result = translate('services:\n  web:\n    image: nginx:1.25\n    ports: ["8080:80"]\n');
    expect(problemsAt(result, 'services.web.ports')).toEqual([expect.stringContaining('the Service is ClusterIP, reached inside the cluster: to reach it from outside, add an Ingress')]);
  });

  test('GIVEN expose WHEN translated THEN its ports are Service ports, with no problem', () => {
    const result = translate('services:\n  api:\n    image: acme/api:1\n    expose: ["3000", 9090]\n');
    expect(objectOf(result, 'Service', 'api').spec.ports.map((p: any) => [p.name, p.port])).toEqual([['http', 3000], ['port-9090', 9090]]);
    expect(result.problems).toEqual([]);
  });

  test('GIVEN a port range WHEN translated THEN that entry is a problem and the other ports are imported', () => {
    // GIVEN a range and a single port
    // WHEN translated
    const result = translate('services:\n  app:\n    image: acme/app:1\n    expose: ["7000-7010", "8080"]\n');
    // THEN the range is refused with a message, and 8080 is the Service's port
    expect(objectOf(result, 'Service', 'app').spec.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 8080 }]);
    expect(problemsAt(result, 'services.app.expose')).toEqual(['"7000-7010" has the container port range 7000-7010: a Service lists single ports; write one mapping per port: the port is not imported']);
  });

  test('GIVEN one container port published twice WHEN translated THEN the second is a problem', () => {
    const result = translate('services:\n  web:\n    image: nginx:1.25\n    ports: ["8080:80", "8081:80"]\n');
    expect(objectOf(result, 'Service', 'web').spec.ports).toHaveLength(1);
    expect(problemsAt(result, 'services.web.ports')).toContain('80/tcp as 8081: the Service has port 8080 for container port 80 already (one Service port per container port): not imported');
  });

  test('GIVEN a host IP WHEN translated THEN a problem says it is ignored', () => {
    const result = translate('services:\n  web:\n    image: nginx:1.25\n    ports: ["127.0.0.1:8080:80"]\n');
    expect(problemsAt(result, 'services.web.ports')).toContain('"127.0.0.1:8080:80": the host IP 127.0.0.1 has no Kubernetes meaning and is ignored');
  });
});

describe('depends_on', () => {
  test('GIVEN depends_on as a list and as a map WHEN translated THEN each is a connection from the dependent to the dependency', () => {
    // GIVEN web depending on api (list) and api on db (map with a condition)
    const yaml = 'services:\n  web:\n    image: acme/web:1\n    depends_on: [api]\n  api:\n    image: acme/api:1\n    expose: ["3000"]\n' +
      '    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    expose: ["5432"]\n';
    // WHEN translated
    const result = translate(yaml, {}, 'shop');
    // THEN there is a connection for each, in the file's order
    expect(result.connections).toEqual([
      { namespace: 'shop', from: 'web', to: 'api', source: 'compose.yaml: services.web' },
      { namespace: 'shop', from: 'api', to: 'db', source: 'compose.yaml: services.api' },
    ]);
    expect(result.problems).toEqual([]);
  });

  test('GIVEN a dependency without ports WHEN translated THEN there is no connection, and a problem says no port is known', () => {
    const result = translate('services:\n  web:\n    image: acme/web:1\n    depends_on: [queue]\n  queue:\n    image: acme/queue:1\n');
    expect(result.connections).toEqual([]);
    expect(problemsAt(result, 'services.web.depends_on.queue')).toEqual(['"queue" has no ports (no ports or expose): no port is known to connect to; call connectTo() once it has one']);
  });

  test('GIVEN a dependency that is not a service, or was not imported WHEN translated THEN each is a problem', () => {
    const result = translate('services:\n  web:\n    image: acme/web:1\n    depends_on: [ghost, broken]\n  broken:\n    build: .\n');
    expect(problemsAt(result, 'services.web.depends_on.ghost')).toEqual(['"ghost" is not a service of the file']);
    expect(problemsAt(result, 'services.web.depends_on.broken')).toEqual(['"broken" was not imported (see its problems): no connection is made']);
  });

  test('GIVEN condition: service_completed_successfully WHEN translated THEN a problem says Kubernetes has no start order', () => {
    const yaml = 'services:\n  web:\n    image: acme/web:1\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n  migrate:\n    image: acme/migrate:1\n';
    const result = translate(yaml);
    expect(problemsAt(result, 'services.web.depends_on.migrate')[0]).toBe('Kubernetes starts workloads in no order: run a one-off task as a Job, or as an init container of this workload');
  });
});

describe('healthcheck', () => {
  test('GIVEN a CMD healthcheck with timings WHEN translated THEN it is a readiness and a liveness exec probe (interval, timeout, retries; start_period delays liveness)', () => {
    // GIVEN a healthcheck with every timing
    const yaml = 'services:\n  web:\n    image: acme/web:1\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost/"]\n' +
      '      interval: 1m30s\n      timeout: 10s\n      retries: 5\n      start_period: 40s\n';
    // WHEN translated
    const container = containerOf(translate(yaml), 'web');
    // THEN both probes run the command with the mapped timings
    const command = ['curl', '-f', 'http://localhost/'];
    expect(container.readinessProbe).toEqual({ exec: { command }, periodSeconds: 90, timeoutSeconds: 10, failureThreshold: 5 });
    expect(container.livenessProbe).toEqual({ exec: { command }, initialDelaySeconds: 40, periodSeconds: 90, timeoutSeconds: 10, failureThreshold: 5 });
  });

  test('GIVEN no timings WHEN translated THEN Compose\'s defaults are written (30 s interval and timeout; 3 retries is Kubernetes\' default too)', () => {
    const container = containerOf(translate('services:\n  web:\n    image: acme/web:1\n    healthcheck:\n      test: ["CMD", "true"]\n'), 'web');
    expect(container.readinessProbe).toEqual({ exec: { command: ['true'] }, periodSeconds: 30, timeoutSeconds: 30 });
    expect(container.livenessProbe).toEqual({ exec: { command: ['true'] }, periodSeconds: 30, timeoutSeconds: 30 });
  });

  test.each([
    ['["CMD-SHELL", "pg_isready -U shop || exit 1"]'],
    ['"pg_isready -U shop || exit 1"'],
  ])('GIVEN the test %s WHEN translated THEN the probes run it with /bin/sh -c', (test) => {
    const container = containerOf(translate(`services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: ${test}\n`), 'db');
    expect(container.readinessProbe.exec.command).toEqual(['/bin/sh', '-c', 'pg_isready -U shop || exit 1']);
  });

  test.each([['disable: true'], ['test: ["NONE"]']])('GIVEN %s WHEN translated THEN there are no probes and no problem', (line) => {
    const result = translate(`services:\n  web:\n    image: acme/web:1\n    healthcheck:\n      ${line}\n`);
    expect(containerOf(result, 'web').readinessProbe).toBeUndefined();
    expect(result.problems).toEqual([]);
  });

  test('GIVEN a healthcheck without test WHEN translated THEN there are no probes, and a problem says the image\'s cannot be read', () => {
    const result = translate('services:\n  web:\n    image: acme/web:1\n    healthcheck:\n      interval: 10s\n');
    expect(containerOf(result, 'web').livenessProbe).toBeUndefined();
    expect(problemsAt(result, 'services.web.healthcheck')[0]).toContain('the image\'s HEALTHCHECK applies, which import cannot read');
  });

  test('GIVEN a timing under a second WHEN translated THEN it is rounded up to whole seconds, with a problem', () => {
    const result = translate('services:\n  web:\n    image: acme/web:1\n    healthcheck:\n      test: ["CMD", "true"]\n      timeout: 500ms\n');
    expect(containerOf(result, 'web').readinessProbe.timeoutSeconds).toBe(1);
    expect(problemsAt(result, 'services.web.healthcheck.timeout')).toEqual(['"500ms" is rounded up to 1s: probe timings are whole seconds']);
  });

  test('GIVEN an invalid duration WHEN translated THEN Compose\'s default is used, with a problem', () => {
    const result = translate('services:\n  web:\n    image: acme/web:1\n    healthcheck:\n      test: ["CMD", "true"]\n      interval: 10 seconds\n');
    expect(containerOf(result, 'web').readinessProbe.periodSeconds).toBe(30);
    expect(problemsAt(result, 'services.web.healthcheck.interval')[0]).toMatch(/^received "10 seconds"; allowed: a duration.*: Compose's default \(30s\) is used$/);
  });

  test('GIVEN an invalid test WHEN translated THEN there are no probes, with a problem', () => {
    const result = translate('services:\n  web:\n    image: acme/web:1\n    healthcheck:\n      test: ["RUN", "x"]\n');
    expect(containerOf(result, 'web').readinessProbe).toBeUndefined();
    expect(problemsAt(result, 'services.web.healthcheck.test')[0]).toContain('allowed: ["CMD", "program", "arg", ...]');
  });
});

describe('resources and replicas', () => {
  test('GIVEN deploy.resources WHEN translated THEN reservations are requests and limits are limits, as canonical quantities', () => {
    // GIVEN Docker's units
    const yaml = 'services:\n  api:\n    image: acme/api:1\n    deploy:\n      resources:\n        limits:\n          cpus: "1.5"\n          memory: 1g\n' +
      '        reservations:\n          cpus: 0.25\n          memory: 512M\n';
    // WHEN translated
    // THEN they are Kubernetes quantities
    expect(containerOf(translate(yaml), 'api').resources).toEqual({ limits: { cpu: '1500m', memory: '1Gi' }, requests: { cpu: '250m', memory: '512Mi' } });
  });

  test('GIVEN the file format 2 keys cpus, mem_limit and mem_reservation WHEN translated THEN they are limits and requests', () => {
    const yaml = 'services:\n  api:\n    image: acme/api:1\n    cpus: 0.5\n    mem_limit: 256m\n    mem_reservation: 128m\n';
    expect(containerOf(translate(yaml), 'api').resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { memory: '128Mi' } });
  });

  test('GIVEN an invalid memory WHEN translated THEN it is a problem naming the field, and the rest of the resources stay', () => {
    const result = translate('services:\n  api:\n    image: acme/api:1\n    deploy:\n      resources:\n        limits:\n          cpus: "1"\n          memory: lots\n');
    expect(containerOf(result, 'api').resources).toEqual({ limits: { cpu: '1' } });
    expect(problemsAt(result, 'services.api.deploy.resources.limits.memory')[0]).toMatch(/^received "lots"; allowed: a byte value/);
  });

  test('GIVEN reserved devices WHEN translated THEN they are a problem', () => {
    const yaml = 'services:\n  ml:\n    image: acme/ml:1\n    deploy:\n      resources:\n        reservations:\n          devices:\n            - capabilities: [gpu]\n';
    expect(problemsAt(translate(yaml), 'services.ml.deploy.resources.reservations.devices')[0]).toContain('devices (GPUs) are extended resources');
  });

  test.each([
    ['', 1], ['    deploy:\n      replicas: 3\n', 3], ['    scale: 2\n', 2],
  ])('GIVEN %j WHEN translated THEN the Deployment has %d replicas', (lines, replicas) => {
    expect(objectOf(translate(`services:\n  api:\n    image: acme/api:1\n${lines}`), 'Deployment', 'api').spec.replicas).toBe(replicas);
  });

  test('GIVEN deploy.mode: global WHEN translated THEN it is a problem pointing to a DaemonSet', () => {
    const result = translate('services:\n  agent:\n    image: acme/agent:1\n    deploy:\n      mode: global\n');
    expect(problemsAt(result, 'services.agent.deploy.mode')[0]).toContain('for one pod per node use a DaemonSet');
  });

  test.each([['"no"'], ['on-failure'], ['on-failure:3']])('GIVEN restart: %s WHEN translated THEN a problem says a Deployment always restarts', (value) => {
    const result = translate(`services:\n  task:\n    image: acme/task:1\n    restart: ${value}\n`);
    expect(problemsAt(result, 'services.task.restart')[0]).toContain('cannot be honoured: a Deployment always restarts its containers; run a task that ends as a Job');
  });

  test.each([['always'], ['unless-stopped']])('GIVEN restart: %s WHEN translated THEN there is no problem', (value) => {
    expect(translate(`services:\n  app:\n    image: acme/app:1\n    restart: ${value}\n`).problems).toEqual([]);
  });
});

describe('volumes', () => {
  test('GIVEN a named volume WHEN translated THEN it is a claim, mounted as the constructs mount a claim, and a problem gives its size', () => {
    // GIVEN a service mounting a declared volume
    const yaml = 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - db-data:/var/lib/postgresql/data\nvolumes:\n  db-data:\n';
    // WHEN translated
    const result = translate(yaml);
    // THEN a claim of the default size is made, and the pod mounts it as volume claim-<name>
    expect(objectOf(result, 'PersistentVolumeClaim', 'db-data').spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(result.objects.find((o) => o.object.kind === 'PersistentVolumeClaim')!.source).toBe('compose.yaml: volumes.db-data');
    const pod = objectOf(result, 'Deployment', 'db').spec.template.spec;
    expect(pod.volumes).toEqual([{ name: 'claim-db-data', persistentVolumeClaim: { claimName: 'db-data' } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ mountPath: '/var/lib/postgresql/data', name: 'claim-db-data' }]);
    expect(problemsAt(result, 'volumes.db-data')).toEqual([expect.stringContaining('a claim of 1Gi (ReadWriteOnce, the cluster\'s default storage class): Compose volumes have no size')]);
  });

  test('GIVEN a read-only named volume WHEN translated THEN the volume and the mount are read-only', () => {
    const result = translate('services:\n  app:\n    image: acme/app:1\n    volumes: ["assets:/assets:ro"]\nvolumes:\n  assets: {}\n');
    const pod = objectOf(result, 'Deployment', 'app').spec.template.spec;
    expect(pod.volumes).toEqual([{ name: 'claim-assets', persistentVolumeClaim: { claimName: 'assets', readOnly: true } }]);
    expect(pod.containers[0].volumeMounts).toEqual([{ mountPath: '/assets', name: 'claim-assets', readOnly: true }]);
  });

  test('GIVEN bind mounts WHEN translated THEN each is refused with what to use instead, and the rest of the service is imported', () => {
    // GIVEN two bind mounts and a named volume
    const yaml = 'services:\n  app:\n    image: acme/app:1\n    volumes:\n      - ./config:/etc/app\n      - /var/run/docker.sock:/var/run/docker.sock\n      - data:/data\nvolumes:\n  data:\n';
    // WHEN translated
    const result = translate(yaml);
    // THEN one problem per bind mount, and the named volume is mounted
    const problems = problemsAt(result, 'services.app.volumes');
    expect(problems).toEqual([
      expect.stringMatching(/^\.\/config:\/etc\/app: a bind mount of a host folder is not imported: a pod runs on any node\. Put configuration files in a Config \(Mount\.config\(\)\), data in a PersistentVolumeClaim/),
      expect.stringMatching(/^\/var\/run\/docker\.sock:\/var\/run\/docker\.sock: a bind mount/),
    ]);
    expect(containerOf(result, 'app').volumeMounts).toEqual([{ mountPath: '/data', name: 'claim-data' }]);
  });

  test('GIVEN tmpfs and an anonymous volume WHEN translated THEN they are emptyDir volumes, the tmpfs in memory', () => {
    // GIVEN a tmpfs with a size, the long tmpfs syntax and an anonymous volume
    const yaml = 'services:\n  app:\n    image: acme/app:1\n    tmpfs: ["/run:size=64m"]\n    volumes:\n      - /var/cache/app\n      - type: tmpfs\n        target: /scratch\n';
    // WHEN translated
    const pod = objectOf(translate(yaml), 'Deployment', 'app').spec.template.spec;
    // THEN each is an emptyDir named after its path, as Mount.emptyDir() names it
    expect(pod.volumes).toEqual([
      { name: 'var-cache-app', emptyDir: {} },
      { name: 'scratch', emptyDir: { medium: 'Memory' } },
      { name: 'run', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
    ]);
    expect(pod.containers[0].volumeMounts.map((m: any) => m.mountPath)).toEqual(['/var/cache/app', '/scratch', '/run']);
  });

  test('GIVEN a volume whose name is not a Kubernetes name WHEN translated THEN its claim is renamed, with a problem saying so', () => {
    const result = translate('services:\n  db:\n    image: postgres:16\n    volumes: ["db_data:/data"]\nvolumes:\n  db_data:\n');
    expect(names(result)).toEqual(['PersistentVolumeClaim/db-data', 'Deployment/db']);
    expect(problemsAt(result, 'volumes.db_data')[0]).toBe('the claim is named "db-data": "db_data" is not a valid Kubernetes name (lowercase letters, digits and "-")');
  });

  test('GIVEN an external volume WHEN translated THEN no claim is made and the mount uses the existing claim', () => {
    const result = translate('services:\n  db:\n    image: postgres:16\n    volumes: ["pgdata:/data"]\nvolumes:\n  pgdata:\n    external: true\n');
    expect(names(result)).toEqual(['Deployment/db']);
    expect(objectOf(result, 'Deployment', 'db').spec.template.spec.volumes).toEqual([{ name: 'claim-pgdata', persistentVolumeClaim: { claimName: 'pgdata' } }]);
    expect(problemsAt(result, 'volumes.pgdata')[0]).toContain('external: no claim is made; the mounts use an existing PersistentVolumeClaim named "pgdata"');
  });

  test('GIVEN a volume not declared at the top level WHEN translated THEN the mount is a problem', () => {
    const result = translate('services:\n  db:\n    image: postgres:16\n    volumes: ["pgdata:/data"]\n');
    expect(problemsAt(result, 'services.db.volumes')[0]).toContain('the volume "pgdata" is not declared under the top-level volumes');
    expect(containerOf(result, 'db').volumeMounts).toBeUndefined();
  });

  test('GIVEN a volume mounted by two services WHEN translated THEN one claim is made, and a problem says ReadWriteOnce is shared on one node only', () => {
    const yaml = 'services:\n  a:\n    image: acme/a:1\n    volumes: ["shared:/s"]\n  b:\n    image: acme/b:1\n    volumes: ["shared:/s"]\nvolumes:\n  shared:\n';
    const result = translate(yaml);
    expect(names(result)).toEqual(['PersistentVolumeClaim/shared', 'Deployment/a', 'Deployment/b']);
    expect(problemsAt(result, 'volumes.shared')).toContain('mounted by a, b: a ReadWriteOnce claim is shared only by pods on one node; give it a ReadWriteMany storage class, or give each workload its own claim');
  });

  test('GIVEN a declared volume no service mounts WHEN translated THEN no claim is made, with a problem saying so', () => {
    const result = translate('services:\n  app:\n    image: acme/app:1\nvolumes:\n  unused:\n');
    expect(names(result)).toEqual(['Deployment/app']);
    expect(problemsAt(result, 'volumes.unused')).toEqual(['no imported service mounts it: no claim is made']);
  });

  test('GIVEN one service mounting a volume at two paths WHEN translated THEN it is one claim with two volumes, and no sharing problem', () => {
    const result = translate('services:\n  app:\n    image: acme/app:1\n    volumes: ["data:/a", "data:/b"]\nvolumes:\n  data:\n');
    expect(names(result)).toEqual(['PersistentVolumeClaim/data', 'Deployment/app']);
    expect(objectOf(result, 'Deployment', 'app').spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['claim-data', 'claim-data-2']);
    expect(problemsAt(result, 'volumes.data')).toEqual([expect.stringMatching(/^a claim of 1Gi/)]);
  });

  test('GIVEN two scratch folders whose names collide WHEN translated THEN the second volume is numbered, as the constructs number it', () => {
    const pod = objectOf(translate('services:\n  app:\n    image: acme/app:1\n    volumes: ["/a/b", "/a-b"]\n'), 'Deployment', 'app').spec.template.spec;
    expect(pod.volumes.map((v: any) => v.name)).toEqual(['a-b', 'a-b-2']);
  });
});

describe('keys without Kubernetes meaning', () => {
  test('GIVEN keys with no Kubernetes meaning WHEN translated THEN each is one problem, and the service is still imported', () => {
    // GIVEN a service with several keys that have no counterpart
    const yaml = 'services:\n  app:\n    image: acme/app:1\n    container_name: my-app\n    privileged: true\n    cap_add: [NET_ADMIN]\n' +
      '    networks: [front]\n    network_mode: host\n    links: [db]\n    extra_hosts: ["h:1.2.3.4"]\n    profiles: [debug]\n    devices: ["/dev/fuse"]\n    x-owner: team-a\n';
    // WHEN translated
    const result = translate(yaml);
    // THEN the Deployment is made, and each key has its problem
    expect(names(result)).toEqual(['Deployment/app']);
    expect(result.problems.map((p) => p.source)).toEqual([
      'compose.yaml: services.app.container_name', 'compose.yaml: services.app.privileged', 'compose.yaml: services.app.cap_add',
      'compose.yaml: services.app.networks', 'compose.yaml: services.app.network_mode', 'compose.yaml: services.app.links',
      'compose.yaml: services.app.extra_hosts', 'compose.yaml: services.app.profiles', 'compose.yaml: services.app.devices',
      'compose.yaml: services.app.x-owner',
    ]);
    expect(problemsAt(result, 'services.app.privileged')[0]).toMatch(/^not imported: pods of this library pass the "restricted" Pod Security Standard/);
    expect(problemsAt(result, 'services.app.x-owner')).toEqual(['an extension field: ignored']);
  });

  test('GIVEN a key that is not in the Compose Specification WHEN translated THEN it is a problem', () => {
    const result = translate('services:\n  app:\n    image: acme/app:1\n    imagee: acme/app:2\n');
    expect(problemsAt(result, 'services.app.imagee')).toEqual(['not a key of a Compose service: ignored']);
  });

  test('GIVEN top-level networks, secrets and extensions WHEN translated THEN each is one problem, and version is accepted silently', () => {
    const yaml = 'version: "3.8"\nx-common: &common\n  restart: always\nservices:\n  app:\n    <<: *common\n    image: acme/app:1\nnetworks:\n  front: {}\nsecrets:\n  token:\n    file: ./token\n';
    const result = translate(yaml);
    expect(result.problems.map((p) => p.source)).toEqual(['compose.yaml: x-common', 'compose.yaml: networks', 'compose.yaml: secrets']);
    expect(names(result)).toEqual(['Deployment/app']);
  });
});

describe('interpolation', () => {
  test('GIVEN variables in values WHEN translated THEN they come from the .env file beside the Compose file, defaults applying', () => {
    // GIVEN a .env file setting the tag, and a default for the port
    const yaml = 'services:\n  web:\n    image: "acme/web:${TAG}"\n    ports: ["${PORT:-8080}:80"]\n    environment:\n      PRICE: "$$5"\n';
    // WHEN translated
    const result = translate(yaml, { '.env': 'TAG=1.2.3\n' });
    // THEN the values are substituted, and $$ is a $
    expect(containerOf(result, 'web')).toMatchObject({ image: 'acme/web:1.2.3', env: [{ name: 'PRICE', value: '$5' }] });
    expect(objectOf(result, 'Service', 'web').spec.ports[0].port).toBe(8080);
  });

  test('GIVEN a variable set in this process\'s environment only WHEN translated THEN it is not used: unset, empty, with a problem', () => {
    // GIVEN a variable of the process's environment
    process.env.I2_COMPOSE_TEST_TAG = '9.9';
    try {
      // WHEN a Compose file names it, with no .env file
      const result = translate('services:\n  web:\n    image: "acme/web:1"\n    environment:\n      TAG: "v${I2_COMPOSE_TEST_TAG}"\n');
      // THEN it is substituted as unset
      expect(containerOf(result, 'web').env).toEqual([{ name: 'TAG', value: 'v' }]);
      expect(problemsAt(result, 'services.web.environment.TAG')).toEqual([expect.stringContaining('the variable I2_COMPOSE_TEST_TAG is not set')]);
    } finally {
      delete process.env.I2_COMPOSE_TEST_TAG;
    }
  });

  test('GIVEN an unreadable .env file WHEN translated THEN a problem says so and variables are unset', () => {
    const result = translateCompose('services:\n  web:\n    image: acme/web:1\n', 'compose.yaml', {
      namespace: 'shop',
      readFile: () => { throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }); },
    });
    expect(result.problems).toEqual([{ source: 'compose.yaml', message: 'its .env file cannot be read (EACCES: permission denied): variables are substituted as unset' }]);
  });
});

describe('files that are not Compose files', () => {
  test('GIVEN unparseable YAML WHEN translated THEN it is one problem with its line, and no objects', () => {
    const result = translate('services:\n  web:\n    image: [unclosed\n');
    expect(result.objects).toEqual([]);
    expect(result.problems).toEqual([{ source: 'compose.yaml', message: expect.stringMatching(/^not valid YAML: .* \(line \d+\); nothing is imported from it$/) }]);
  });

  test.each([
    ['apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n', 'a Kubernetes manifest, not a Compose file'],
    ['- just\n- a list\n', 'not a Compose file: its content is ["just","a list"], not a map with services'],
    ['name: shop\nvolumes: {}\n', 'not a Compose file: it has no services map'],
    ['web:\n  image: nginx:1.25\n', 'looks like a Compose file of the version 1 format (services at the top level)'],
    ['', 'not a Compose file: its content is undefined'],
    ['services: {}\n---\nservices: {}\n', 'holds 2 YAML documents, where a Compose file holds one'],
  ])('GIVEN %j WHEN translated THEN it is one problem, and no objects', (yaml, message) => {
    const result = translate(yaml);
    expect(result.objects).toEqual([]);
    expect(result.problems).toEqual([{ source: 'compose.yaml', message: expect.stringContaining(message) }]);
  });
});

describe('YAML anchors', () => {
  test('GIVEN services sharing settings through an anchor and merge keys WHEN translated THEN each has them', () => {
    // GIVEN an extension field with an anchor, merged into two services
    const yaml = 'x-app: &app\n  image: acme/app:1\n  environment: { MODE: prod }\nservices:\n  a:\n    <<: *app\n  b:\n    <<: *app\n    command: [serve]\n';
    // WHEN translated
    const result = translate(yaml);
    // THEN both services have the merged image and environment
    expect(containerOf(result, 'a')).toEqual({ name: 'a', image: 'acme/app:1', env: [{ name: 'MODE', value: 'prod' }] });
    expect(containerOf(result, 'b')).toEqual({ name: 'b', image: 'acme/app:1', args: ['serve'], env: [{ name: 'MODE', value: 'prod' }] });
  });

  test('GIVEN aliases that expand exponentially WHEN translated THEN it is one problem and no objects', () => {
    // GIVEN a "billion laughs" document
    const levels = Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`).join('\n');
    const yaml = `l0: &l0 lol\n${levels}\nservices:\n  a:\n    image: acme/a:1\n    command: *l9\n`;
    // WHEN translated
    const result = translate(yaml);
    // THEN it is refused before expanding
    expect(result.objects).toEqual([]);
    expect(result.problems).toEqual([{ source: 'compose.yaml', message: expect.stringMatching(/^not valid YAML: .*alias.*; nothing is imported from it$/i) }]);
  });
});

describe('determinism and order', () => {
  const yaml = 'services:\n  web:\n    image: acme/web:1\n    ports: ["80"]\n    depends_on: [api]\n    privileged: true\n' +
    '  api:\n    image: acme/api:1\n    expose: ["3000"]\n    env_file: api.env\n    volumes: ["data:/data", "./x:/x"]\nvolumes:\n  data:\nnetworks:\n  n: {}\n';
  const files = { 'api.env': 'A=1\n' };

  test('GIVEN the same file twice WHEN translated THEN the results are identical', () => {
    expect(JSON.stringify(translate(yaml, files))).toBe(JSON.stringify(translate(yaml, files)));
  });

  test('GIVEN problems from the whole file WHEN translated THEN they are in the file\'s order: top-level keys, then each service, then volumes', () => {
    expect(translate(yaml, files).problems.map((p) => p.source)).toEqual([
      'compose.yaml: networks',
      'compose.yaml: services.web.privileged',
      'compose.yaml: services.web.ports',
      'compose.yaml: services.api.volumes',
      'compose.yaml: volumes.data',
    ]);
  });
});
