import { nowMicros, rfc3339 } from '../clock';
import type { Ctx } from '../context';
import { AppError, Code, loginRequired, notSupported } from '../errors';
import { assertOwner, locateExisting } from '../fsnav';
import { decodeId, encodeId, IdType } from '../hashid';
import type { Router } from '../router';
import { redactedUserJson } from '../serialize';
import type { State } from '../state';
import type { FileRecord } from '../types';
import { bind } from '../validate';
import { extendedInfoHooks } from './file';

// [Pro] file endpoints (§2.6): set/delete permission (`/file/permission`), mount storage policy
// (`PATCH /file/policy`) and file activities. Routed only when `settings.pro` is on; a community server answers
// the gin 404. Request bodies follow apifox; the activities path is not confirmed by any source
// (`GET /file/activities?uri=…`, cursor-paged like other lists) and the response shape is a best guess.

interface Activity {
	id: number;
	fileId: number;
	type: string;
	userId: number;
	at: number;
	props: Record<string, unknown>;
}

interface ProFileTables {
	permissions: Map<number, Record<string, unknown>>;
	mountedPolicy: Map<number, number>;
	activities: Activity[];
	seq: number;
}

export function proFiles(state: State): ProFileTables {
	return ((state.ext.proFiles as ProFileTables | undefined) ??= { permissions: new Map(), mountedPolicy: new Map(), activities: [], seq: 0 });
}

/** The audit log behind the activities list; file routes record what they do (also on community servers). */
export function recordActivity(state: State, f: FileRecord, type: string, userId: number, props: Record<string, unknown>): void {
	const t = proFiles(state);
	t.activities.push({ id: ++t.seq, fileId: f.id, type, userId, at: nowMicros(), props });
}

const BITSET_RE = /^[A-Za-z0-9+/]*={0,2}$/;

function checkBitset(v: unknown): string | undefined {
	return typeof v === 'string' && BITSET_RE.test(v) ? undefined : 'base64';
}

async function setPermission(ctx: Ctx) {
	if (!ctx.user) throw loginRequired();
	const body = bind<{ uris: string[]; setting: Record<string, unknown> }>(await ctx.json(), {
		uris: { type: 'array', items: 'string', required: true, min: 1, go: 'Uris' },
		setting: { type: 'object', required: true },
	});
	const setting = bind<Record<string, unknown>>(body.setting, {
		user_explicit: { type: 'object' },
		group_explicit: { type: 'object' },
		same_group: { type: 'string', check: checkBitset },
		other: { type: 'string', check: checkBitset },
		anonymous: { type: 'string', check: checkBitset },
		everyone: { type: 'string', check: checkBitset },
	});
	for (const key of ['user_explicit', 'group_explicit'] as const) {
		for (const [id, bits] of Object.entries((setting[key] as Record<string, unknown> | undefined) ?? {})) {
			const type = key === 'user_explicit' ? IdType.User : IdType.Group;
			if (decodeId(id, type) === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
			if (checkBitset(bits)) throw new AppError(Code.ParamErr, 'Invalid permission bitset');
		}
	}
	const files = body.uris.map((u) => locateExisting(ctx, u));
	for (const loc of files) {
		if (loc.uri.fs !== 'my' || loc.file.parentId === null) throw notSupported();
		assertOwner(ctx, loc.file);
	}
	for (const loc of files) proFiles(ctx.state).permissions.set(loc.file.id, setting);
}

async function deletePermission(ctx: Ctx) {
	if (!ctx.user) throw loginRequired();
	const body = bind<{ uris: string[] }>(await ctx.json(), { uris: { type: 'array', items: 'string', required: true, min: 1, go: 'Uris' } });
	for (const u of body.uris) {
		const loc = locateExisting(ctx, u);
		assertOwner(ctx, loc.file);
		proFiles(ctx.state).permissions.delete(loc.file.id);
	}
}

async function mountPolicy(ctx: Ctx) {
	if (!ctx.user) throw loginRequired();
	const body = bind<{ uri: string; policy_id: string }>(await ctx.json(), {
		uri: { type: 'string', required: true },
		policy_id: { type: 'string', required: true, go: 'PolicyID' },
	});
	const loc = locateExisting(ctx, body.uri);
	if (loc.uri.fs !== 'my' || loc.file.type !== 1) throw notSupported();
	assertOwner(ctx, loc.file);
	const policyId = decodeId(body.policy_id, IdType.Policy);
	if (policyId === undefined || !ctx.state.policies.has(policyId)) throw new AppError(Code.ParamErr, 'Storage policy not exist');
	proFiles(ctx.state).mountedPolicy.set(loc.file.id, policyId);
}

function listActivities(ctx: Ctx) {
	if (!ctx.user) throw loginRequired();
	const loc = locateExisting(ctx, ctx.q('uri'));
	assertOwner(ctx, loc.file);
	const pageSize = Math.min(100, Math.max(1, Number(ctx.q('page_size') ?? 50) || 50));
	const after = Number(ctx.q('next_page_token') ?? 0) || 0;
	const all = proFiles(ctx.state)
		.activities.filter((a) => a.fileId === loc.file.id && (after === 0 || a.id < after))
		.sort((a, b) => b.id - a.id);
	const page = all.slice(0, pageSize);
	const pagination: Record<string, unknown> = { page: 0, page_size: pageSize, is_cursor: true };
	if (all.length > pageSize) pagination.next_token = String(page[page.length - 1].id);
	return {
		activities: page.map((a) => {
			const user = ctx.state.users.get(a.userId);
			return {
				id: encodeId(a.id, IdType.AuditLog),
				content: { type: a.type, ...a.props },
				created_at: rfc3339(a.at),
				...(user ? { user: redactedUserJson(ctx.state, user, ctx.user) } : {}),
			};
		}),
		pagination,
	};
}

let hooksInstalled = false;

export function registerProFileRoutes(r: Router): void {
	r.route('POST', '/file/permission', setPermission, { pro: true });
	r.route('DELETE', '/file/permission', deletePermission, { pro: true });
	r.route('PATCH', '/file/policy', mountPolicy, { pro: true });
	r.route('GET', '/file/activities', listActivities, { pro: true });
	if (hooksInstalled) return;
	hooksInstalled = true;
	extendedInfoHooks.push((ctx, f, info) => {
		if (!ctx.state.settings.pro || ctx.user?.id !== f.ownerId) return;
		const setting = proFiles(ctx.state).permissions.get(f.id);
		if (setting) info.permissions = setting;
	});
}
