import { requireLogin } from '../auth';
import type { Ctx } from '../context';
import type { Router } from '../router';
import { userJson } from '../serialize';

// §2.3 User.

function me(ctx: Ctx) {
	return userJson(ctx.state, requireLogin(ctx));
}

function capacity(ctx: Ctx) {
	const user = requireLogin(ctx);
	return { total: ctx.state.group(user).maxStorage, used: ctx.state.usedStorage(user.id) };
}

export function registerUserRoutes(r: Router): void {
	r.route('GET', '/user/me', me);
	r.route('GET', '/user/capacity', capacity);
}
