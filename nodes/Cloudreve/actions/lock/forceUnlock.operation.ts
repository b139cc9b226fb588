import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { forceUnlock } from '../../../shared/api/locks';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['lock'], operation: ['forceUnlock'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Lock Tokens',
		name: 'tokens',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. 3f2a9c1e-…, cool-lock0a4b4f68',
		description:
			'Tokens of the locks to release, separated by commas (or an array from an expression). A "file is locked" error (code 40073) lists them for files you own.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const raw = this.getNodeParameter('tokens', i, '') as string | string[];
	const tokens = (Array.isArray(raw) ? raw.map(String) : String(raw).split(/[\s,]+/)).map((t) => t.trim()).filter(Boolean);
	if (tokens.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Lock Tokens is empty', {
			itemIndex: i,
			description: 'Give at least one token, or use Lock → Unlock by Path to find the tokens of a file.',
		});
	}
	await forceUnlock(client, tokens, i);
	return { json: { released: tokens } };
}
