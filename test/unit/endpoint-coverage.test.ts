// The README's endpoint table must give every endpoint of the API index a home, and every operation it names must
// exist in the node. The index (test/fixtures/cloudreve-api-index.txt) is a copy of the project's
// 000_a686f21127978eb5.txt: its tree lists groups, subgroups and endpoints, some with their HTTP verb.
import { readFileSync } from 'fs';
import { join } from 'path';
import type { INodePropertyOptions } from 'n8n-workflow';

import { Cloudreve } from '../../nodes/Cloudreve/Cloudreve.node';

const ROOT = join(__dirname, '..', '..');
const VERB = /^\s+(GET|POST|PUT|PATCH|DELETE)$/;
const BULLET = /^(\s*)• (.+?)\s*$/;
/** The index's data-model group: response and body shapes, not endpoints. */
const DATA_MODELS = '数据模型';

interface IndexEndpoint {
	group: string;
	name: string;
	verb?: string;
}

export function parseIndex(text: string): IndexEndpoint[] {
	const lines = text.split('\n');
	const bullets: Array<{ indent: number; name: string; verb?: string }> = [];
	let started = false;
	for (const line of lines) {
		const bullet = BULLET.exec(line);
		if (bullet) {
			started = true;
			bullets.push({ indent: bullet[1].length, name: bullet[2] });
			continue;
		}
		const verb = VERB.exec(line);
		if (started && verb) {
			bullets[bullets.length - 1].verb = verb[1];
			continue;
		}
		if (started) break;
	}
	const out: IndexEndpoint[] = [];
	const stack: Array<{ indent: number; name: string }> = [];
	bullets.forEach((b, i) => {
		while (stack.length && stack[stack.length - 1].indent >= b.indent) stack.pop();
		const next = bullets[i + 1];
		const isLeaf = !next || next.indent <= b.indent;
		if (isLeaf && stack.length && stack[0].name !== DATA_MODELS) {
			out.push({ group: stack.map((s) => s.name).join(' / '), name: b.name, verb: b.verb });
		}
		stack.push(b);
	});
	return out;
}

interface TableRow {
	group: string;
	endpoint: string;
	method: string;
	servedBy: string;
}

export function parseTable(readme: string): TableRow[] {
	const start = readme.indexOf('<!-- endpoint-table:start -->');
	const end = readme.indexOf('<!-- endpoint-table:end -->');
	if (start < 0 || end < start) throw new Error('README.md has no endpoint-table markers');
	return readme
		.slice(start, end)
		.split('\n')
		.filter((l) => l.startsWith('|') && !/^\|\s*(Group\s*\|\s*Endpoint|---)/.test(l))
		.map((l) => {
			const cells = l.split('|').slice(1, -1).map((c) => c.trim());
			if (cells.length !== 4) throw new Error(`endpoint table row without 4 cells: ${l}`);
			return { group: cells[0], endpoint: cells[1], method: cells[2], servedBy: cells[3] };
		});
}

const index = parseIndex(readFileSync(join(ROOT, 'test', 'fixtures', 'cloudreve-api-index.txt'), 'utf8'));
const rows = parseTable(readFileSync(join(ROOT, 'README.md'), 'utf8'));
const key = (group: string, name: string) => `${group} → ${name}`;

function nodeOperations(): Map<string, Set<string>> {
	const properties = new Cloudreve().description.properties;
	const resources = (properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]).map((o) => String(o.value));
	const ops = new Map<string, Set<string>>(resources.map((r) => [r, new Set<string>()]));
	for (const p of properties) {
		if (p.name !== 'operation') continue;
		for (const r of (p.displayOptions?.show?.resource ?? []) as string[]) {
			for (const o of (p.options ?? []) as INodePropertyOptions[]) ops.get(r)?.add(String(o.value));
		}
	}
	return ops;
}

describe('endpoint coverage (README table vs the API index and the node)', () => {
	it('reads the whole index tree', () => {
		expect(index.length).toBeGreaterThan(80);
		expect(index).toContainEqual({ group: 'Site', name: 'Ping', verb: 'GET' });
		expect(index).toContainEqual({ group: 'Session / Token', name: 'Password sign-in', verb: undefined });
		expect(index).toContainEqual({ group: 'WebDAV', name: 'Delete account', verb: undefined });
		expect(index.some((e) => e.group.startsWith(DATA_MODELS))).toBe(false);
	});

	it('has a row for every endpoint of the index, and no row for anything else', () => {
		const inTable = new Set(rows.map((r) => key(r.group, r.endpoint)));
		const inIndex = new Set(index.map((e) => key(e.group, e.name)));
		expect(index.filter((e) => !inTable.has(key(e.group, e.name))).map((e) => key(e.group, e.name))).toEqual([]);
		expect(rows.filter((r) => !inIndex.has(key(r.group, r.endpoint))).map((r) => key(r.group, r.endpoint))).toEqual([]);
		expect(rows.length).toBe(index.length);
	});

	it('shows the verb the index gives', () => {
		for (const e of index.filter((x) => x.verb)) {
			const row = rows.find((r) => r.group === e.group && r.endpoint === e.name)!;
			expect(`${key(e.group, e.name)}: ${row.method}`).toContain(`${key(e.group, e.name)}: ${row.method.startsWith('[Pro]') ? '[Pro] ' : ''}\`${e.verb} `);
		}
	});

	it('names only operations the node has, and gives every row a home or a reason', () => {
		const ops = nodeOperations();
		const missing: string[] = [];
		for (const row of rows) {
			const named = [...row.servedBy.matchAll(/`([a-z]+):([A-Za-z]+)`/g)].map((m) => [m[1], m[2]] as const);
			for (const [resource, operation] of named) {
				if (!ops.get(resource)?.has(operation)) missing.push(`${key(row.group, row.endpoint)}: ${resource}:${operation}`);
			}
			const home = named.length > 0 || /^(Credential|Upload driver|Trigger)\b/.test(row.servedBy);
			const leftOut = /^Left out: .{20,}/.test(row.servedBy);
			expect({ row: key(row.group, row.endpoint), ok: home || leftOut }).toEqual({ row: key(row.group, row.endpoint), ok: true });
		}
		expect(missing).toEqual([]);
	});

	it('leaves out only browser ceremonies (passkey, OpenID) and sign-out', () => {
		const leftOut = rows.filter((r) => r.servedBy.startsWith('Left out')).map((r) => key(r.group, r.endpoint));
		expect(leftOut.every((k) => /Passkey|OpenID|Sign out/.test(k))).toBe(true);
		expect(leftOut).not.toContain('User / Passkey → Delete passkey');
	});
});
