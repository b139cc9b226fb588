import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { deleteDirectLink } from '../../../shared/api/files';
import type { CloudreveClient } from '../../../shared/transport/client';
import { directLinkId } from './createDirectLink.operation';

const show = { resource: ['file'], operation: ['deleteDirectLink'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Direct Link',
		name: 'directLink',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://drive.example.com/f/Xkf3/report.pdf',
		description:
			'The direct link URL, or its ID (as output by File → Create Direct Link, or listed under extended_info.direct_links by File → Get). The link stops working at once.',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const value = String(this.getNodeParameter('directLink', i)).trim();
	const id = value.includes('/') ? directLinkId(value) : value;
	if (!id) {
		throw new NodeOperationError(this.getNode(), `Direct Link "${value}" is neither a direct link URL nor an ID`, {
			itemIndex: i,
			description: 'Paste a link such as https://drive.example.com/f/Xkf3/report.pdf, or only its ID (Xkf3).',
		});
	}
	await deleteDirectLink(client, id, i);
	return { json: { success: true, id } };
}
