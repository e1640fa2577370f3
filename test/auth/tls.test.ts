/**
 * TLS settings against a real TLS server on 127.0.0.1: a TLS front of the local cloud, with a
 * CA, server and client certificates made by the openssl CLI at test time.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { join } from "node:path";
import { createServer, type Server } from "node:tls";
import { MembersApi } from "../../provider/glance/members";
import { closeSharedAgents } from "../../provider/http/agent";
import { ProviderContext } from "../../provider/auth/provider-context";
import { startLocalCloud, type LocalCloud } from "../../provider/testing";
import { passwordEntry, removeTempDirs, tempDir, writeCloudsYaml } from "./helpers/clouds-yaml";

const OPENSSL = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** A CA, a server certificate for 127.0.0.1 and a client certificate, as PEM files. */
function makeCertificates(dir: string) {
  const openssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl(
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.pem",
    "-days",
    "2",
    "-subj",
    "/CN=Test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  );
  for (const [name, ext] of [
    ["server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"],
    ["client", "extendedKeyUsage=clientAuth\n"],
  ]) {
    writeFileSync(join(dir, `${name}.ext`), ext);
    openssl("req", ...ec, "-keyout", `${name}.key`, "-out", `${name}.csr`, "-subj", `/CN=${name}`);
    openssl(
      "x509",
      "-req",
      "-in",
      `${name}.csr`,
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      `${name}.pem`,
      "-days",
      "2",
      "-extfile",
      `${name}.ext`,
    );
  }
  const path = (file: string) => join(dir, file);
  return {
    ca: path("ca.pem"),
    serverCert: path("server.pem"),
    serverKey: path("server.key"),
    clientCert: path("client.pem"),
    clientKey: path("client.key"),
  };
}

type Certificates = ReturnType<typeof makeCertificates>;

/** Terminates TLS on 127.0.0.1 and passes the bytes on to the local cloud. */
async function tlsFront(target: number, certs: Certificates, requireClientCert: boolean): Promise<Server> {
  const server = createServer(
    {
      key: readFileSync(certs.serverKey),
      cert: readFileSync(certs.serverCert),
      ca: readFileSync(certs.ca),
      requestCert: requireClientCert,
      rejectUnauthorized: requireClientCert,
    },
    (socket) => {
      const upstream = connect(target, "127.0.0.1");
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    },
  );
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

const describeTls = OPENSSL ? describe : describe.skip;
if (!OPENSSL) test.skip("TLS tests need the openssl CLI, which is not installed", () => {});

describeTls("TLS", () => {
  let cloud: LocalCloud;
  let certs: Certificates;
  let front: Server;
  let mutualFront: Server;
  let warnings: string[];

  beforeAll(async () => {
    cloud = await startLocalCloud();
    certs = makeCertificates(tempDir());
    const port = Number(new URL(cloud.url).port);
    front = await tlsFront(port, certs, false);
    mutualFront = await tlsFront(port, certs, true);
  });
  afterAll(async () => {
    await closeSharedAgents();
    await new Promise((resolve) => front.close(resolve));
    await new Promise((resolve) => mutualFront.close(resolve));
    await cloud.close();
    removeTempDirs();
  });
  beforeEach(() => {
    warnings = [];
    cloud.clearRequests();
  });

  const httpsUrl = (server: Server) => `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** A cloud entry reaching Keystone and Glance through the TLS front. */
  function entryThrough(server: Server, extra: Record<string, unknown>) {
    const base = passwordEntry(cloud.fixtures, "owner", extra);
    return {
      ...base,
      auth: { ...base.auth, auth_url: `${httpsUrl(server)}/v3` },
      image_endpoint_override: `${httpsUrl(server)}/image`,
    };
  }

  async function listAs(entry: Record<string, unknown>, config: Record<string, string> = {}) {
    const file = writeCloudsYaml({ tls: entry });
    const context = new ProviderContext({
      env: () => ({ OS_CLIENT_CONFIG_FILE: file }),
      policy: { maxRetries: 0 },
      warn: (line) => warnings.push(line),
    });
    context.configure({ get: (key) => config[key] });
    const service = await context.imageService({ cloud: "tls" });
    const image = cloud.createImage({ owner: cloud.fixtures.projects.owner.id });
    await new MembersApi(service.client, service.glanceUrl).list(image);
    return service;
  }

  test("cacert from clouds.yaml: Keystone and Glance over TLS", async () => {
    const service = await listAs(entryThrough(front, { cacert: certs.ca }));
    expect(service.glanceUrl).toBe(`${httpsUrl(front)}/image/v2`);
    expect(cloud.requests.map((r) => `${r.method} ${r.service} ${r.status}`)).toEqual([
      "POST identity 201",
      "GET image 200",
    ]);
    expect(warnings).toEqual([]);
  });

  test("without the CA the connection is refused as a network error naming TLS settings", async () => {
    const error = await listAs(entryThrough(front, {})).catch((e) => e);
    expect(error.code).toBe("ERR_NETWORK");
    expect(error.message).toContain("for https, the TLS settings");
    expect(cloud.requests).toEqual([]);
  });

  test("verify: false connects, beats a wrong cacert, and warns once", async () => {
    await listAs(entryThrough(front, { verify: false, cacert: "/does/not/exist.pem" }));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^warning: TLS certificate verification is off \(insecure, from verify of clouds\.yaml entry "tls"/,
      ),
    ]);
  });

  test("a client certificate and key from clouds.yaml satisfy a server that requires one", async () => {
    await listAs(
      entryThrough(mutualFront, { cacert: certs.ca, cert: certs.clientCert, key: certs.clientKey }),
    );
    expect(cloud.requests).toHaveLength(2);
    const error = await listAs(entryThrough(mutualFront, { cacert: certs.ca })).catch((e) => e);
    expect(error.code).toBe("ERR_NETWORK");
  });

  test("the CA as PEM text in stack config (for a cloud without its own TLS settings)", async () => {
    const entry = entryThrough(front, {});
    const file = writeCloudsYaml({ tls: entry });
    const context = new ProviderContext({
      env: () => ({ OS_CLIENT_CONFIG_FILE: file, OS_CLOUD: "tls" }),
      policy: { maxRetries: 0 },
    });
    context.configure({
      get: (key) => (key === "openstack:cacertFile" ? readFileSync(certs.ca, "utf8") : undefined),
    });
    const service = await context.imageService({});
    await new MembersApi(service.client, service.glanceUrl).list(
      cloud.createImage({ owner: service.projectId ?? "" }),
    );
    expect(cloud.requests).toHaveLength(2);
  });

  test("an unreadable cacert file is ERR_INVALID_SETTING naming where it was set", async () => {
    const error = await listAs(entryThrough(front, { cacert: "/does/not/exist.pem" })).catch((e) => e);
    expect(error.code).toBe("ERR_INVALID_SETTING");
    expect(error.message).toContain('The cacertFile setting (from cacert of clouds.yaml entry "tls"');
    expect(error.message).toContain("is neither PEM text nor the path of a readable file (ENOENT)");
    expect(error.message).not.toContain("/does/not/exist.pem");
  });
});
