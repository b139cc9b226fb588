import type { Ctx } from '../context';
import { AppError, Code } from '../errors';
import { decodeId, IdType } from '../hashid';
import { cursorPage, requirePageSize } from '../paging';
import type { Router } from '../router';
import { isExpired, shareJson, shareTable } from '../shares';
import { sortShares } from './share';

// §2.3 List user's share links — GET /user/shares/:id: what the owner's `share_links_in_profile` allows,
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

export function registerUserExtraRoutes(r: Router): void {
	r.route('GET', '/user/shares/:id', userShares);
}
