import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { emptyTrash } from '../../../shared/api/files';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['file'], operation: ['emptyTrash'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Everything in your trash is deleted permanently and its space is freed. This cannot be undone. Needs Cloudreve 4.18 or newer.',
		name: 'emptyTrashNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	await emptyTrash(client, i);
	return { json: { success: true } };
}
