import type { Ctx } from './context';
import { AppError, Code, loginRequired, pathNotExist, permissionDenied } from './errors';
import { decodeId, IdType } from './hashid';
import type { FileRecord, UserRecord } from './types';
import { type CloudreveUri, parseUri } from './uri';

/** A `cloudreve://` URI resolved against the state (§1.13). */
export interface Located {
	uri: CloudreveUri;
	/** Owner of the filesystem the URI points into. */
	owner: UserRecord;
	/** Root folder of that filesystem (my root or trash root; for shares the shared folder). */
	root: FileRecord;
	/** The item the path names; undefined when it does not exist. */
	file?: FileRecord;
	/** Path segments that resolved (for a missing path: the full requested segments). */
	segments: string[];
	/** Extra data a navigator attaches (e.g. the share record). */
	nav?: Record<string, unknown>;
}

/** Resolves a URI of a filesystem other than my/trash (the share route group registers `share`). */
export type Navigator = (ctx: Ctx, uri: CloudreveUri) => Located;
export const navigators: Partial<Record<'share' | 'shared_with_me', Navigator>> = {};

/**
 * Parses and resolves a URI for the caller: anonymous on my/trash → 401; another user's `my` → 403
 * (even for admins); trash is flat (deeper paths → 40016).
 */
export function locate(ctx: Ctx, raw: string | undefined): Located {
	const uri = parseUri(raw);
	const { state } = ctx;
	if (uri.fs === 'my' || uri.fs === 'trash') {
		if (!ctx.user) throw loginRequired();
		const user = ctx.user;
		if (uri.id !== undefined && decodeId(uri.id, IdType.User) !== user.id) throw permissionDenied();
		if (uri.fs === 'my') {
			const root = state.files.get(user.myRootId)!;
			return { uri, owner: user, root, file: state.resolve(root.id, uri.segments), segments: uri.segments };
		}
		const root = state.files.get(user.trashRootId)!;
		if (uri.segments.length > 1) throw pathNotExist();
		const file = uri.segments.length ? state.child(root.id, uri.segments[0]) : root;
		return { uri, owner: user, root, file, segments: uri.segments };
	}
	const nav = navigators[uri.fs];
	if (nav) return nav(ctx, uri);
	if (uri.fs === 'share') throw new AppError(Code.NotFound, 'Shared file does not exist');
	if (!ctx.user) throw loginRequired();
	if (uri.segments.length) throw pathNotExist();
	const root = state.files.get(ctx.user.myRootId)!;
	return { uri, owner: ctx.user, root, file: root, segments: [] };
}

/** Like `locate`, but the path must exist (40016 otherwise). */
export function locateExisting(ctx: Ctx, raw: string | undefined): Located & { file: FileRecord } {
	const loc = locate(ctx, raw);
	if (!loc.file) throw pathNotExist();
	return loc as Located & { file: FileRecord };
}

/** Owner-or-admin check for mutations (40082). */
export function assertOwner(ctx: Ctx, f: FileRecord): void {
	if (!ctx.user || (ctx.user.id !== f.ownerId && !ctx.state.isAdmin(ctx.user))) {
		throw new AppError(Code.OwnerOnly, 'Only owner or administrator can perform this action');
	}
}

const ILLEGAL = /[\\/:*?"<>|]/;

/** File name rule of §1.13 (40052). */
export function validName(name: string): boolean {
	const bytes = Buffer.byteLength(name, 'utf8');
	return bytes >= 1 && bytes <= 255 && !ILLEGAL.test(name) && name !== '.' && name !== '..';
}

export function assertValidName(name: string): void {
	if (!validName(name)) throw new AppError(Code.IllegalObjectName, 'Invalid object name');
}
