import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { RulePack } from "../pack/pack-format.js";
import { loadPack } from "../runtime/load-pack.js";
import { cardContext, type CardContext } from "./card-context.js";
import { discovery, packServices } from "./discovery.js";
import { refusalOf } from "./error-reply.js";
import { answerHook } from "./hook-answer.js";
import { packPrefetch } from "./hook-facts.js";
import { serveLimits, type ServeLimits } from "./serve-limits.js";
import { refusal, type ErrorBody } from "./service-error.js";

/** Where the structured logs (JSON lines, pino) go: a stream, and the lowest level written. */
export interface ServeLog {
  readonly stream: { write(line: string): unknown };
  readonly level?: "trace" | "debug" | "info" | "warn" | "error" | "fatal";
}

/** Options of {@link createCdsServer}. */
export interface ServeOptions {
  /** The rule pack the services evaluate with (checked by `loadPack`). */
  readonly pack: RulePack;
  /** Limits other than {@link serveLimits}. */
  readonly limits?: Partial<ServeLimits>;
  /** The structured logs; `false` for none. Default: standard output, level `info`. */
  readonly log?: ServeLog | false;
  /** The rulebook's HTML, served at `/rulebook`; the cards' links then point to its anchors. */
  readonly rulebookHtml?: string;
  /** The server's address as clients reach it (for the links); default: the address it listens on. */
  readonly publicUrl?: string;
  /** The time a request is evaluated at (for the FHIR mapping's dates); default: the clock. */
  readonly now?: () => Date;
}

/** A CDS Hooks server: the fastify instance, started with `listen` and stopped with `close`. */
export interface CdsServer {
  readonly app: FastifyInstance;
  /** Listens on 127.0.0.1 at `port` (0: any free port); resolves to the base URL. */
  listen(port: number): Promise<string>;
  close(): Promise<void>;
}

/** The route of the hook requests, the only one held to the limit of requests in flight. */
const hookRoute = "/cds-services/:id";

/** The logger options: every line structured, and no serializer that would copy a URL, a header or a body. */
function loggerOptions(log: ServeLog | false | undefined): false | Record<string, unknown> {
  if (log === false) return false;
  return {
    level: log?.level ?? "info",
    ...(log ? { stream: log.stream } : {}),
    serializers: {
      req: (req: { method?: string }) => ({ method: req.method }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: { name?: string; code?: string }) => ({ type: err.name, code: err.code }),
    },
  };
}

/** Counts the hook requests in flight; one over the limit is refused (GL7095) before its body is read. */
function limitInFlight(app: FastifyInstance, limits: ServeLimits): () => number {
  let inFlight = 0;
  app.addHook("onRequest", async (request, reply) => {
    if (request.routeOptions.url !== hookRoute || request.method !== "POST") return;
    if (inFlight >= limits.concurrent) throw refusal(503, "GL7095", [limits.concurrent]);
    inFlight += 1;
    reply.raw.once("close", () => {
      inFlight -= 1;
    });
  });
  return () => inFlight;
}

/** One log line per request: method, route, service, status, time and the codes of a refusal; nothing of the request's content. */
function logAnswers(app: FastifyInstance, codesOf: WeakMap<FastifyRequest, readonly string[]>): void {
  app.addHook("onResponse", async (request, reply) => {
    const params = request.params as { id?: unknown } | undefined;
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? null,
        ...(typeof params?.id === "string" && request.routeOptions.url === hookRoute ? { service: params.id.slice(0, 200) } : {}),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        codes: codesOf.get(request) ?? [],
      },
      "answered",
    );
  });
}

/** The only body parser, JSON (any other content type is refused, GL7096): a body that is not JSON is refused with GL7090, never with the parser's message (it quotes the body). */
function parseJson(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(refusal(400, "GL7090"), undefined);
    }
  });
}

/** Headers that let a browser-based EHR call the service (CORS), on every answer. */
function allowBrowsers(app: FastifyInstance): void {
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("access-control-allow-origin", "*");
    reply.header("x-content-type-options", "nosniff");
    return payload;
  });
  app.options("/*", async (_request, reply) =>
    reply
      .header("access-control-allow-methods", "GET, POST, OPTIONS")
      .header("access-control-allow-headers", "Content-Type, Authorization")
      .code(204)
      .send(),
  );
}

/** The routes: discovery, the hooks, the health, the rulebook, and a coded 404 for anything else. */
function addRoutes(app: FastifyInstance, options: ServeOptions, state: ServerState): void {
  const { pack } = options;
  const services = packServices(pack, packPrefetch(pack));
  const byId = new Map(services.map((s) => [s.id, s]));
  app.get("/cds-services", (_request, reply) => reply.send(discovery(services)));
  app.post(hookRoute, (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const service = byId.get(request.params.id);
    if (!service) throw refusal(404, "GL7094", [request.params.id.slice(0, 200)]);
    return reply.send(answerHook(request.body, service, pack, state.context(), (options.now ?? (() => new Date()))()));
  });
  app.get("/health", (_request, reply) =>
    reply.send({
      status: "ok",
      guideline: { id: pack.guideline.id, edition: pack.guideline.edition, contentHash: pack.guideline.contentHash },
      inFlight: state.inFlight(),
      limits: state.limits,
    }),
  );
  const { rulebookHtml } = options;
  if (rulebookHtml !== undefined) app.get("/rulebook", (_request, reply) => reply.type("text/html; charset=utf-8").send(rulebookHtml));
  app.setNotFoundHandler((request) => {
    throw refusal(404, "GL7094", [(request.url.split("?")[0] ?? "").slice(0, 200)]);
  });
}

/** What the routes share with the server: its limits, its count of requests in flight, the cards' context once the address is known. */
interface ServerState {
  readonly limits: ServeLimits;
  readonly inFlight: () => number;
  readonly context: () => CardContext;
}

/**
 * A CDS Hooks server for one pack (fastify): `GET /cds-services` (discovery), `POST
 * /cds-services/<id>` (a hook, answered with cards), `GET /health`, and `GET /rulebook` when the
 * rulebook is given. Every refusal is a JSON `{ errors: [{ code, message, … }] }` with its HTTP
 * status; the limits of {@link serveLimits} hold; logs carry no patient data.
 */
export function createCdsServer(options: ServeOptions): CdsServer {
  const pack = loadPack(options.pack);
  const limits: ServeLimits = { ...serveLimits, ...options.limits };
  const app = Fastify({
    logger: loggerOptions(options.log),
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.requestMs,
    handlerTimeout: limits.requestMs,
    forceCloseConnections: "idle",
  });
  let context: CardContext | undefined;
  let baseUrl = options.publicUrl?.replace(/\/+$/, "");
  const rulebookUrl = () => (options.rulebookHtml !== undefined && baseUrl !== undefined ? `${baseUrl}/rulebook` : undefined);
  const codesOf = new WeakMap<FastifyRequest, readonly string[]>();
  parseJson(app);
  allowBrowsers(app);
  const inFlight = limitInFlight(app, limits);
  logAnswers(app, codesOf);
  app.setErrorHandler(async (error, request, reply: FastifyReply) => {
    const refused = refusalOf(error, limits, request.headers["content-type"]);
    codesOf.set(
      request,
      refused.problems.map((p) => p.code),
    );
    const body: ErrorBody = { errors: refused.problems };
    return reply.code(refused.status).send(body);
  });
  addRoutes(app, { ...options, pack }, { limits, inFlight, context: () => (context ??= cardContext(pack, rulebookUrl())) });
  return {
    app,
    async listen(port) {
      // The queue of connections not yet accepted holds as many as may be in flight: a burst of
      // connections while an evaluation runs waits in it rather than being reset by the system.
      await app.listen({ host: "127.0.0.1", port, backlog: Math.max(511, limits.concurrent) });
      const address = app.server.address();
      const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}`;
      baseUrl ??= url;
      context = cardContext(pack, rulebookUrl());
      return url;
    },
    close: () => app.close(),
  };
}
