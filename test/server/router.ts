import type { Ctx } from './context';

/**
 * A handler returns the success `data` (undefined → `{"code":0,"msg":""}`), throws an AppError for an error
 * envelope, or writes the response itself through `ctx.respond`/`ctx.res` (downloads, redirects, WebDAV).
 */
export type Handler = (ctx: Ctx) => unknown | Promise<unknown>;

export interface RouteOptions {
	/** [Pro] endpoint: answers like an unknown route unless `settings.pro` is on. */
	pro?: boolean;
	/** Absolute path outside /api/v4 (`/f/:id/:name`, `/s/:id`, `/dav/*path`): no envelope, no current user step. */
	raw?: boolean;
}

interface Route {
	method: string;
	segments: string[];
	staticCount: number;
	handler: Handler;
	opts: RouteOptions;
}

export interface RouteMatch {
	handler: Handler;
	params: Record<string, string>;
	opts: RouteOptions;
}

/**
 * Path patterns: `/file/upload/:sessionId/:index` (one segment per param), `/dav/*path` (rest of the path,
 * may be empty). Static segments win over params, like gin. Wrong verb = no match (gin answers 404).
 */
export class Router {
	private readonly routes: Route[] = [];

	/** Registers an /api/v4 route; `pattern` is relative to /api/v4. */
	route(method: string, pattern: string, handler: Handler, opts: RouteOptions = {}): void {
		const segments = pattern.split('/').filter(Boolean);
		this.routes.push({
			method: method.toUpperCase(),
			segments,
			staticCount: segments.filter((s) => !s.startsWith(':') && !s.startsWith('*')).length,
			handler,
			opts,
		});
	}

	/** Registers a route outside /api/v4 (absolute pattern). */
	raw(method: string, pattern: string, handler: Handler, opts: Omit<RouteOptions, 'raw'> = {}): void {
		this.route(method, pattern, handler, { ...opts, raw: true });
	}

	/**
	 * `parts` are the request path's segments, each percent-decoded (so `%2F` stays inside one segment);
	 * for API routes without the leading `api`, `v4`.
	 */
	match(method: string, isApi: boolean, parts: string[], proEnabled: boolean): RouteMatch | undefined {
		let best: { route: Route; params: Record<string, string> } | undefined;
		for (const route of this.routes) {
			if (route.method !== method) continue;
			if (!!route.opts.raw === isApi) continue;
			if (route.opts.pro && !proEnabled) continue;
			const params = matchSegments(route.segments, parts);
			if (!params) continue;
			if (!best || route.staticCount > best.route.staticCount) best = { route, params };
		}
		return best && { handler: best.route.handler, params: best.params, opts: best.route.opts };
	}
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		const p = pattern[i];
		if (p.startsWith('*')) {
			params[p.slice(1)] = '/' + parts.slice(i).join('/');
			return params;
		}
		if (i >= parts.length) return undefined;
		if (p.startsWith(':')) params[p.slice(1)] = parts[i];
		else if (p !== parts[i]) return undefined;
	}
	return pattern.length === parts.length ? params : undefined;
}
