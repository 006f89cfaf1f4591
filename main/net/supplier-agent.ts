import type http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { Agent, type AgentConnectOpts } from 'agent-base';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { choose, type ProxyChoice } from './proxy-resolution';

export interface SupplierAgentOptions {
  /** Where a URL's request goes (Electron: the session's proxy settings; the bridge: the environment). */
  resolve(url: string): ProxyChoice | Promise<ProxyChoice>;
  /** The certificates to trust (bundled + the OS store + extras); undefined: Node's defaults. */
  ca?: string[];
}

/**
 * The one agent the supplier clients connect through, for http and https alike. Per request it asks where the
 * URL goes: loopback and DIRECT connect straight; a proxy gets a CONNECT tunnel (HTTP/HTTPS proxies) or a SOCKS
 * connection, and TLS to the supplier runs inside it with the same trusted certificates. axios keeps doing the
 * rest on every path (no redirect followed, the size cap, the deadline, which aborts a hung proxy too).
 */
export class SupplierAgent extends Agent {
  private readonly proxies = new Map<string, Agent>();

  constructor(private readonly settings: SupplierAgentOptions) {
    super();
  }

  /** Where a URL's requests go now (for diagnostics and tests). */
  route(url: string): Promise<ProxyChoice> {
    return choose(url, this.settings.resolve);
  }

  override async connect(req: http.ClientRequest, opts: AgentConnectOpts) {
    const scheme = opts.secureEndpoint ? 'https' : 'http';
    const host = net.isIPv6(opts.host ?? '') ? `[${opts.host}]` : opts.host;
    const choice = await this.route(`${scheme}://${host}:${opts.port}${req.path}`);
    const withCa = this.settings.ca ? { ...opts, ca: this.settings.ca } : opts;
    if (choice.kind === 'direct') {
      return opts.secureEndpoint
        ? tls.connect({ ...withCa, servername: opts.servername ?? serverName(opts.host) })
        : net.connect(opts as net.NetConnectOpts);
    }
    return this.proxyAgent(choice.url).connect(req, withCa);
  }

  private proxyAgent(url: string): Agent {
    let agent = this.proxies.get(url);
    if (!agent) {
      agent = url.startsWith('socks')
        ? new SocksProxyAgent(url)
        : new HttpsProxyAgent(url, { ca: this.settings.ca });
      this.proxies.set(url, agent);
    }
    return agent;
  }
}

/** SNI carries a host name, never an IP address. */
const serverName = (host: string | undefined) => (host && net.isIP(host) === 0 ? host : undefined);
