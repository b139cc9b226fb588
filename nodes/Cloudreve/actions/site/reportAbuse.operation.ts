import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { reportAbuse } from '../../../shared/api/pro';
import type { CloudreveClient } from '../../../shared/transport/client';
import { readShareId, shareIdProperty } from '../share/common';

const show = { resource: ['site'], operation: ['reportAbuse'] };

export const description: INodeProperties[] = [
	shareIdProperty(show, 'The share link to report: its ID or its link'),
	{
		displayName: 'Reason',
		name: 'reason',
		type: 'options',
		default: 0,
		options: [
			{ name: 'Copyright Infringement', value: 1 },
			{ name: 'Illegal Content', value: 0 },
			{ name: 'Malware or Phishing', value: 3 },
			{ name: 'Other', value: 4 },
			{ name: 'Pornography', value: 2 },
		],
		description: 'Category of the report',
		displayOptions: { show },
	},
	{
		displayName: 'Description',
		name: 'details',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		description: 'What is wrong with the shared content',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const { id } = readShareId(this, i);
	const reason = Number(this.getNodeParameter('reason', i, 0));
	const details = String(this.getNodeParameter('details', i, ''));
	await reportAbuse(client, id, { reason, ...(details ? { des: details } : {}) }, i);
	return { json: { shareId: id, reported: true } };
}
