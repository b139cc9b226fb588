import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listActivities } from '../../../shared/api/files';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { returnAllAndLimit } from '../common.descriptions';

const show = { resource: ['file'], operation: ['listActivities'] };

export const description: INodeProperties[] = [
	{
		displayName:
			'This operation needs Cloudreve Pro. On a community server, use the Cloudreve Trigger (file events) to follow changes instead.',
		name: 'proNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	locatorProperty({
		name: 'file',
		displayName: 'File or Folder',
		target: 'any',
		description: 'The item whose history to list (created, renamed, moved, downloaded, shared…)',
		displayOptions: { show },
	}),
	...returnAllAndLimit(show),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const activities = await listActivities(client, uri, { returnAll, limit, pageSize: 50 }, i);
	return activities.map((a) => ({ json: { uri, ...a } }));
}
