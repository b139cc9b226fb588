import { requireLogin } from '../auth';
import type { Ctx } from '../context';
import { AppError, bindingErr, Code } from '../errors';
import { decodeId, IdType } from '../hashid';
import { cursorPage, requirePageSize } from '../paging';
import type { Router } from '../router';
import { isExpired, shareJson, shareTable } from '../shares';
import { sortShares } from './share';

// §2.3 Delete passkey, and List user's share links — GET /user/shares/:id: what the owner's `share_links_in_profile` allows,
// every share built locked (no password, limits or expiry).

function userShares(ctx: Ctx) {
	const pageSize = requirePageSize(ctx);
	const id = decodeId(ctx.params.id, IdType.User);
	if (id === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
	const owner = ctx.state.users.get(id);
	if (!owner || owner.status !== 'active') throw new AppError(Code.DBError, 'User not found');
	if (owner.shareLinksInProfile === 'hide_share') throw new AppError(Code.ParamErr, 'User has disabled share links in profile');
	const all = owner.shareLinksInProfile === 'all_share';
	const shares = [...shareTable(ctx.state).byId.values()].filter(
		(s) => s.ownerId === owner.id && (all || !s.password) && !isExpired(ctx.state, s),
	);
	const { items, pagination } = cursorPage(ctx, sortShares(ctx, shares), pageSize);
	return { shares: items.map((s) => shareJson(ctx.state, s, ctx.user, { unlocked: false })), pagination };
}

/** §2.3 Delete passkey — DELETE /user/authn?id=<credential id>. */
function deletePasskey(ctx: Ctx) {
	const user = requireLogin(ctx);
	const id = ctx.q('id');
	if (!id) throw bindingErr('ID cannot be empty');
	const index = user.passkeys.findIndex((p) => p.id === id);
	if (index < 0) throw new AppError(Code.NotFound, 'Passkey not found');
	user.passkeys.splice(index, 1);
	return undefined;
}

export function registerUserExtraRoutes(r: Router): void {
	r.route('DELETE', '/user/authn', deletePasskey);
	r.route('GET', '/user/shares/:id', userShares);
}
