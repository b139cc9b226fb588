import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getTaskProgress } from '../../../shared/api/tasks';
import type { CloudreveClient } from '../../../shared/transport/client';
import { readTaskId, taskIdProperty } from './common';

const show = { resource: ['task'], operation: ['getProgress'] };

export const description: INodeProperties[] = [
	taskIdProperty(show, 'ID of a running task. A task that is queued, finished or not yours has no progress ("running" is false).'),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const id = readTaskId(this, i);
	const progress = await getTaskProgress(client, id, i);
	const percent: IDataObject = {};
	for (const [key, entry] of Object.entries(progress)) {
		if (entry && entry.total > 0) percent[key] = Math.round((entry.current / entry.total) * 1000) / 10;
	}
	return { json: { id, running: Object.keys(progress).length > 0, progress: progress as unknown as IDataObject, percent } };
}
