// The Task resource's parameters: AI-agent (tool) mode never needs binary data, every wait-capable operation
// offers Wait for Completion, and no parameter leaks into other operations.
import type { INodeProperties } from 'n8n-workflow';

import { taskResource } from '../../nodes/Cloudreve/actions/task/Task.resource';

const all: Array<[string, INodeProperties]> = Object.entries(taskResource.modules).flatMap(([op, m]) => m.description.map((p) => [op, p] as [string, INodeProperties]));

describe('Task resource description', () => {
	it('hides every binary field from tool mode', () => {
		const binary = all.filter(([, p]) => /binary/i.test(p.name) || /binary/i.test(p.displayName));
		expect(binary.length).toBeGreaterThan(0);
		for (const [, p] of binary) expect(p.displayOptions?.show?.['@tool']).toEqual([false]);
	});

	it('offers Wait for Completion on every task-creating operation and on Get', () => {
		const waiting = all.filter(([, p]) => p.name === 'waitForCompletion').map(([op]) => op).sort();
		expect(waiting).toEqual(['createArchive', 'createDownload', 'extractArchive', 'get', 'import', 'relocate']);
	});

	it('shows each parameter only for the task resource and its own operation', () => {
		for (const [op, p] of all) {
			expect(p.displayOptions?.show?.resource).toEqual(['task']);
			expect(p.displayOptions?.show?.operation).toEqual([op]);
		}
	});

	it('lists operations sorted by name, each with an action and a description for agents', () => {
		const options = (taskResource.operations.options ?? []) as Array<{ name: string; value: string; action?: string; description?: string }>;
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		for (const o of options) {
			expect(o.action).toBeTruthy();
			expect((o.description ?? '').length).toBeGreaterThan(20);
			expect(taskResource.modules[o.value]).toBeDefined();
		}
	});
});
