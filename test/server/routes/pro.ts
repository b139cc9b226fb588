import { randomUUID } from 'node:crypto';
import { requireLogin } from '../auth';
import { rfc3339 } from '../clock';
import { nowMicros } from '../clock';
import type { Ctx } from '../context';
import { AppError, Code } from '../errors';
import { decodeId, encodeId, IdType } from '../hashid';
import { cursorPage, requirePageSize } from '../paging';
import type { Router } from '../router';
import { groupJson, policyJson } from '../serialize';
import { shareTable } from '../shares';
import type { State } from '../state';
import { GROUP_ANONYMOUS } from '../state';
import { bind } from '../validate';

// [Pro] endpoints (§2.1 Report abuse, §2.3 policies/nodes/credit/payments, §2.8 VAS, §2.9 groups). They are
// registered with `pro: true`, so a community server (the default) answers them like gin: HTTP 404 text/plain.
// Paths other than GET /user/setting/policies are unconfirmed (the reference has none); they match
// nodes/shared/api/pro.ts. State lives in `state.ext.pro`; tests add gift codes with `proState(state).giftCodes`.

export interface GiftCode {
	code: string;
	/** credits granted */
	credits: number;
	used: boolean;
}

export interface ProState {
	credits: Map<number, number>;
	creditChanges: Array<{ userId: number; diff: number; reason: string; at: number }>;
	payments: Map<number, { id: number; userId: number; status: 'created' | 'paid'; product: unknown; quantity: number; createdAt: number }>;
	paymentSeq: number;
	giftCodes: Map<string, GiftCode>;
	reports: Array<{ shareId: number; reason: number; des: string; reporterId: number | null }>;
}

export function proState(state: State): ProState {
	let p = state.ext.pro as ProState | undefined;
	if (!p) {
		state.ext.pro = p = { credits: new Map(), creditChanges: [], payments: new Map(), paymentSeq: 0, giftCodes: new Map(), reports: [] };
	}
	return p;
}

function policies(ctx: Ctx) {
	const user = requireLogin(ctx);
	return [policyJson(ctx.state.policyOf(user))];
}

function nodes(ctx: Ctx) {
	requireLogin(ctx);
	// capabilities bits 1 create_archive, 2 extract_archive, 3 remote_download
	return [{ id: encodeId(1, IdType.Node), name: 'Master', type: 'master', capabilities: Buffer.from([0b1110]).toString('base64') }];
}

function creditChanges(ctx: Ctx) {
	const user = requireLogin(ctx);
	const pageSize = requirePageSize(ctx);
	const mine = proState(ctx.state)
		.creditChanges.filter((c) => c.userId === user.id)
		.map((c) => ({ diff: c.diff, reason: c.reason, created_at: rfc3339(c.at) }));
	const { items, pagination } = cursorPage(ctx, mine, pageSize);
	return { changes: items, pagination };
}

function paymentJson(p: ProState['payments'] extends Map<number, infer V> ? V : never) {
	return { id: encodeId(p.id, IdType.Payment), status: p.status, product: p.product, quantity: p.quantity, created_at: rfc3339(p.createdAt) };
}

function payments(ctx: Ctx) {
	const user = requireLogin(ctx);
	const pageSize = requirePageSize(ctx);
	const mine = [...proState(ctx.state).payments.values()].filter((p) => p.userId === user.id).map(paymentJson);
	const { items, pagination } = cursorPage(ctx, mine, pageSize);
	return { payments: items, pagination };
}

function groups(ctx: Ctx) {
	requireLogin(ctx);
	return [...ctx.state.groups.values()].filter((g) => g.id !== GROUP_ANONYMOUS).map((g) => groupJson(g));
}

async function createPayment(ctx: Ctx) {
	const user = requireLogin(ctx);
	const body = bind<{ product: { type: string }; quantity?: number }>(await ctx.json(), {
		product: { type: 'object', required: true },
		quantity: { type: 'int', min: 1 },
	});
	const pro = proState(ctx.state);
	const payment = { id: ++pro.paymentSeq, userId: user.id, status: 'created' as const, product: body.product, quantity: body.quantity ?? 1, createdAt: nowMicros() };
	pro.payments.set(payment.id, payment);
	return { payment: paymentJson(payment), request: { type: 'url', url: `${ctx.state.siteUrl}/pay/${randomUUID()}` } };
}

function getPayment(ctx: Ctx) {
	const user = requireLogin(ctx);
	const id = decodeId(ctx.params.id, IdType.Payment);
	if (id === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
	const payment = proState(ctx.state).payments.get(id);
	if (!payment || payment.userId !== user.id) throw new AppError(Code.NotFound, 'Payment not found');
	return paymentJson(payment);
}

function giftCode(ctx: Ctx): GiftCode {
	const code = proState(ctx.state).giftCodes.get(ctx.params.code);
	if (!code || code.used) throw new AppError(40065, 'Invalid gift code');
	return code;
}

function checkGift(ctx: Ctx) {
	requireLogin(ctx);
	const code = giftCode(ctx);
	return { code: code.code, credits: code.credits };
}

function redeemGift(ctx: Ctx) {
	const user = requireLogin(ctx);
	const code = giftCode(ctx);
	const pro = proState(ctx.state);
	code.used = true;
	pro.credits.set(user.id, (pro.credits.get(user.id) ?? 0) + code.credits);
	pro.creditChanges.push({ userId: user.id, diff: code.credits, reason: 'gift_code', at: nowMicros() });
	return { credits: pro.credits.get(user.id) };
}

async function reportAbuse(ctx: Ctx) {
	const id = decodeId(ctx.params.id, IdType.Share);
	if (id === undefined) throw new AppError(Code.ParamErr, 'Failed to parse object ID');
	if (!shareTable(ctx.state).byId.has(id)) throw new AppError(Code.NotFound, 'Share not found');
	const body = bind<{ reason: number; des?: string }>(await ctx.json(), { reason: { type: 'int' }, des: { type: 'string', max: 255 } });
	proState(ctx.state).reports.push({ shareId: id, reason: body.reason ?? 0, des: body.des ?? '', reporterId: ctx.user?.id ?? null });
	return undefined;
}

export function registerProRoutes(r: Router): void {
	const pro = { pro: true };
	r.route('GET', '/user/setting/policies', policies, pro);
	r.route('GET', '/user/setting/nodes', nodes, pro);
	r.route('GET', '/user/credit', creditChanges, pro);
	r.route('GET', '/user/payments', payments, pro);
	r.route('GET', '/group/list', groups, pro);
	r.route('PUT', '/vas/payment', createPayment, pro);
	r.route('GET', '/vas/payment/:id', getPayment, pro);
	r.route('GET', '/vas/giftCode/:code', checkGift, pro);
	r.route('POST', '/vas/giftCode/:code', redeemGift, pro);
	r.route('POST', '/share/report/:id', reportAbuse, pro);
}
