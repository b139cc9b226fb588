import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { setPermission } from '../../../shared/api/files';
import { withLockPolicy } from '../../../shared/api/locks';
import type { PermissionSetting } from '../../../shared/api/types';
import type { CloudreveClient } from '../../../shared/transport/client';
import { lockPolicyOf, readUriList } from './batch';
import { permissionOptions, permissionTargetDescription } from './permission';

const show = { resource: ['file'], operation: ['setPermission'] };

const bitsetField = (name: string, displayName: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: 'Dw==',
	description: `${description} A permission bitset as Cloudreve writes it (base64), e.g. Dw==`,
});

export const description: INodeProperties[] = [
	...permissionTargetDescription('setPermission', 'The item whose access rules to set (owner or administrator only)'),
	{
		displayName: 'Permissions',
		name: 'permissions',
		type: 'collection',
		placeholder: 'Add Rule',
		default: {},
		displayOptions: { show },
		options: [
			bitsetField('anonymous', 'Anonymous', 'Rights of visitors who are not signed in.'),
			bitsetField('everyone', 'Everyone', 'Rights of every signed-in user.'),
			{
				displayName: 'Group Rules (JSON)',
				name: 'groupExplicit',
				type: 'json',
				default: '{}',
				description: 'Rights per user group: an object of group ID → bitset, e.g. {"lpua": "Dw=="}',
			},
			bitsetField('other', 'Other Users', 'Rights of users not covered by another rule.'),
			bitsetField('sameGroup', 'Same Group', 'Rights of users in the owner\'s group.'),
			{
				displayName: 'User Rules (JSON)',
				name: 'userExplicit',
				type: 'json',
				default: '{}',
				description: 'Rights per user: an object of user ID → bitset, e.g. {"bnUn": "Dw=="}',
			},
		],
	},
	permissionOptions('setPermission'),
];

function parseRules(ctx: IExecuteFunctions, i: number, field: string, value: unknown): Record<string, string> | undefined {
	if (value === undefined || value === '' || value === null) return undefined;
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw new NodeOperationError(ctx.getNode(), `${field} is not valid JSON`, { itemIndex: i, description: 'Use an object such as {"bnUn": "Dw=="}.' });
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new NodeOperationError(ctx.getNode(), `${field} must be a JSON object`, { itemIndex: i, description: 'Use an object such as {"bnUn": "Dw=="}.' });
	}
	const entries = Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [k, String(v)] as const);
	return entries.length ? Object.fromEntries(entries) : undefined;
}

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uris = await readUriList(this, client, 'file', i);
	const p = this.getNodeParameter('permissions', i, {}) as IDataObject;
	const setting: PermissionSetting = {};
	const user = parseRules(this, i, 'User Rules (JSON)', p.userExplicit);
	const group = parseRules(this, i, 'Group Rules (JSON)', p.groupExplicit);
	if (user) setting.user_explicit = user;
	if (group) setting.group_explicit = group;
	for (const [field, key] of [['sameGroup', 'same_group'], ['other', 'other'], ['anonymous', 'anonymous'], ['everyone', 'everyone']] as const) {
		const v = String(p[field] ?? '').trim();
		if (v) setting[key] = v;
	}
	await withLockPolicy(client, lockPolicyOf(this, i), async () => await setPermission(client, uris, setting, i), i);
	return { json: { success: true, uris, setting: setting as IDataObject } };
}
