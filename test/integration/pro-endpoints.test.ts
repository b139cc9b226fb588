// Issue 4, [Pro] operations: on a community server every one answers HTTP 404 (text/plain, like gin) and the node
// says "needs Cloudreve Pro"; with `pro: true` the same operations work against the test server's Pro routes.
import { startServer, type TestServer } from '../server';
import { proState } from '../server/routes/pro';
import { byPath, errorOf, items, runWith } from './harness/account';

const PRO_OPERATIONS: Array<[string, Record<string, unknown>]> = [
	['user listStoragePolicies', { resource: 'user', operation: 'listStoragePolicies' }],
	['user listNodes', { resource: 'user', operation: 'listNodes' }],
	['user listCreditChanges', { resource: 'user', operation: 'listCreditChanges', returnAll: true }],
	['user listPayments', { resource: 'user', operation: 'listPayments', returnAll: true }],
	['group list', { resource: 'group', operation: 'list' }],
	['vas createPayment', { resource: 'vas', operation: 'createPayment', productType: 'storage', productId: 'sku-1', quantity: 1 }],
	['vas getPayment', { resource: 'vas', operation: 'getPayment', paymentId: 'abc' }],
	['vas checkGiftCode', { resource: 'vas', operation: 'checkGiftCode', giftCode: 'GIFT-1' }],
	['vas redeemGiftCode', { resource: 'vas', operation: 'redeemGiftCode', giftCode: 'GIFT-1' }],
	['site reportAbuse', { resource: 'site', operation: 'reportAbuse', shareId: 'abc', reason: 1 }],
];

describe('[Pro] operations on a community server', () => {
	let srv: TestServer;
	beforeAll(async () => {
		srv = await startServer({ port: 0 });
	});
	afterAll(async () => {
		await srv.close();
	});

	it.each(PRO_OPERATIONS)('%s: HTTP 404 becomes "needs Cloudreve Pro"', async (_name, parameters) => {
		const err = await errorOf(runWith(srv, parameters));
		expect(err.message).toBe('This operation needs Cloudreve Pro (or a newer server)');
		expect(err.description).toContain('HTTP 404');
		const last = srv.requestLog[srv.requestLog.length - 1];
		expect(last.status).toBe(404);
	});

	it('is reported per item under continueOnFail', async () => {
		const out = await runWith(srv, { resource: 'group', operation: 'list' }, { items: items(2), continueOnFail: true });
		expect(out).toEqual([
			{ json: { error: 'This operation needs Cloudreve Pro (or a newer server)', description: expect.stringContaining('/api/v4/group/list') }, pairedItem: { item: 0 } },
			{ json: { error: 'This operation needs Cloudreve Pro (or a newer server)', description: expect.stringContaining('/api/v4/group/list') }, pairedItem: { item: 1 } },
		]);
	});
});

describe('[Pro] operations on a Pro server', () => {
	let srv: TestServer;
	const run = (parameters: Record<string, unknown>) => runWith(srv, parameters);
	beforeEach(async () => {
		srv = await startServer({ port: 0, pro: true });
	});
	afterEach(async () => {
		await srv.close();
	});

	it('reports the Pro version and lists policies, nodes and groups', async () => {
		const [ping] = await run({ resource: 'site', operation: 'ping' });
		expect(ping.json).toMatchObject({ version: '4.18.0-pro', pro: true });
		const policies = await run({ resource: 'user', operation: 'listStoragePolicies' });
		expect(policies.map((p) => p.json)).toEqual([expect.objectContaining({ name: 'Default storage policy', type: 'local' })]);
		const nodes = await run({ resource: 'user', operation: 'listNodes' });
		expect(nodes[0].json).toMatchObject({ name: 'Master', type: 'master' });
		const groups = await run({ resource: 'group', operation: 'list' });
		expect(groups.map((g) => g.json.name)).toEqual(['Admin', 'User']);
	});

	it('checks and redeems a gift code (then it is invalid), and lists the credit change', async () => {
		proState(srv.state).giftCodes.set('GIFT-100', { code: 'GIFT-100', credits: 100, used: false });
		const [checked] = await run({ resource: 'vas', operation: 'checkGiftCode', giftCode: 'GIFT-100' });
		expect(checked.json).toEqual({ code: 'GIFT-100', credits: 100, valid: true });
		const [redeemed] = await run({ resource: 'vas', operation: 'redeemGiftCode', giftCode: 'GIFT-100' });
		expect(redeemed.json).toEqual({ credits: 100, redeemed: true });
		const again = await errorOf(run({ resource: 'vas', operation: 'redeemGiftCode', giftCode: 'GIFT-100' }));
		expect(again.cloudreveCode).toBe(40065);
		expect(again.message).toContain('gift code is invalid');
		const changes = await run({ resource: 'user', operation: 'listCreditChanges', returnAll: true });
		expect(changes.map((c) => c.json)).toEqual([expect.objectContaining({ diff: 100, reason: 'gift_code' })]);
	});

	it('creates a payment, gets its status and lists it', async () => {
		const [created] = await run({ resource: 'vas', operation: 'createPayment', productType: 'storage', productId: 'sku-1', quantity: 2, extraBody: '{"email":"a@b.c"}' });
		const payment = created.json.payment as { id: string; status: string };
		expect(payment.status).toBe('created');
		const body = srv.requestLog.find((r) => r.method === 'PUT' && r.path === '/api/v4/vas/payment');
		expect(body?.code).toBe(0);
		const [status] = await run({ resource: 'vas', operation: 'getPayment', paymentId: payment.id });
		expect(status.json).toMatchObject({ id: payment.id, status: 'created', quantity: 2, product: { type: 'storage', sku_id: 'sku-1' } });
		const listed = await run({ resource: 'user', operation: 'listPayments', returnAll: true });
		expect(listed.map((p) => p.json.id)).toEqual([payment.id]);
		const badJson = await errorOf(run({ resource: 'vas', operation: 'createPayment', extraBody: '{nope' }));
		expect(badJson.message).toBe('Additional Body Fields is not valid JSON');
	});

	it('reports a share link for abuse', async () => {
		const [share] = await run({ resource: 'share', operation: 'create', source: byPath('/Documents/readme.md') });
		const [reported] = await run({ resource: 'site', operation: 'reportAbuse', shareId: share.json.url, reason: 1, details: 'not mine' });
		expect(reported.json).toEqual({ shareId: share.json.id, reported: true });
		expect(proState(srv.state).reports).toEqual([expect.objectContaining({ reason: 1, des: 'not mine' })]);
		const missing = await errorOf(run({ resource: 'site', operation: 'reportAbuse', shareId: 'zzzzzzzzzz', reason: 0 }));
		expect(missing.cloudreveCode).toBe(40001);
	});
});
