// Invariants of what n8n loads: the same checks n8n's loader and the community scanner rely on.
import type { INodeProperties } from 'n8n-workflow';

import { CloudreveApi } from '../../credentials/CloudreveApi.credentials';
import { RESOURCES } from '../../nodes/Cloudreve/actions/resources';
import { Cloudreve } from '../../nodes/Cloudreve/Cloudreve.node';

describe('node and credential descriptions', () => {
	const node = new Cloudreve();
	const props = node.description.properties;

	it('is usable as an AI tool and versioned', () => {
		expect(node.description.usableAsTool).toBe(true);
		expect(node.description.version).toBe(1);
		expect(node.description.credentials).toEqual([{ name: 'cloudreveApi', required: true }]);
	});

	it('has one operation selector per resource, each option with an action, sorted by name', () => {
		const resource = props.find((p) => p.name === 'resource')!;
		expect(resource.noDataExpression).toBe(true);
		for (const r of RESOURCES) {
			const op = r.operations;
			expect(op.noDataExpression).toBe(true);
			expect(op.displayOptions?.show?.resource).toEqual([r.resource.value]);
			const names = (op.options as Array<{ name: string; action?: string; value: string }>).map((o) => o.name);
			expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
			for (const option of op.options as Array<{ name: string; action?: string; value: string }>) {
				expect(option.action).toBeTruthy();
				expect(r.modules[option.value]).toBeDefined();
			}
			expect(Object.keys(r.modules).sort()).toEqual((op.options as Array<{ value: string }>).map((o) => o.value).sort());
		}
	});

	it('shows every operation parameter only for its resource and operation', () => {
		for (const r of RESOURCES) {
			for (const [operation, module] of Object.entries(r.modules)) {
				for (const p of module.description as INodeProperties[]) {
					expect(p.displayOptions?.show?.resource).toEqual([r.resource.value]);
					expect(p.displayOptions?.show?.operation).toContain(operation);
				}
			}
		}
	});

	it('declares the credential as n8n needs it for preAuthentication', () => {
		const cred = new CloudreveApi();
		const expirable = cred.properties.filter((p) => p.type === 'hidden' && p.typeOptions?.expirable);
		expect(expirable.map((p) => p.name)).toEqual(['accessToken']);
		expect(cred.properties.find((p) => p.type === 'hidden')!.name).toBe('accessToken');
		const hidden = cred.properties.filter((p) => p.type === 'hidden').map((p) => p.name);
		expect(hidden).toEqual(['accessToken', 'refreshToken', 'accessExpiresAt', 'refreshExpiresAt', 'identity']);
		for (const p of cred.properties) {
			if (/password|secret|token/i.test(p.name)) expect(p.typeOptions?.password).toBe(true);
		}
		expect(cred.test.request.url).toBeDefined();
		expect(typeof cred.preAuthentication).toBe('function');
	});
});
