import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deleteShare } from '../../../shared/api/shares';
import type { CloudreveClient } from '../../../shared/transport/client';
import { readShareId, shareIdProperty } from './common';

const show = { resource: ['share'], operation: ['delete'] };

export const description: INodeProperties[] = [shareIdProperty(show, 'The share to delete: its ID or its link. The shared file itself is kept.')];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const { id } = readShareId(this, i);
	await deleteShare(client, id, i);
	return { json: { id, deleted: true } };
}
