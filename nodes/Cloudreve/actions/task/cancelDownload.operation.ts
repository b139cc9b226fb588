import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { cancelDownload, findTasks, taskOutput } from '../../../shared/api/tasks';
import type { CloudreveClient } from '../../../shared/transport/client';
import { readTaskId, taskIdProperty } from './common';

const show = { resource: ['task'], operation: ['cancelDownload'] };

export const description: INodeProperties[] = [
	taskIdProperty(show, 'ID of a running remote-download task (finished tasks cannot be canceled). Other task types cannot be canceled through the API.'),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const id = readTaskId(this, i);
	await cancelDownload(client, id, i);
	const found = (await findTasks(client, [id], ['downloading', 'downloaded'], i)).get(id);
	return { json: found ? { ...taskOutput(found), cancelRequested: true } : { id, cancelRequested: true } };
}
