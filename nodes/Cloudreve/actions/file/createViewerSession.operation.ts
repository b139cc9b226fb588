import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createViewerSession } from '../../../shared/api/files';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['file'], operation: ['createViewerSession'] };

export const description: INodeProperties[] = [
	locatorProperty({ name: 'file', displayName: 'File', target: 'file', description: 'The file to open in a viewer or editor', displayOptions: { show } }),
	{
		displayName: 'Viewer ID',
		name: 'viewerId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'monaco',
		description:
			'An enabled viewer of the site (site configuration, explorer → file_viewers), e.g. pdf, monaco, markdown, drawio, image, video, or the ID of an Office (WOPI) viewer',
		displayOptions: { show },
	},
	{
		displayName: 'Action',
		name: 'preferredAction',
		type: 'options',
		default: 'view',
		options: [
			{ name: 'View', value: 'view' },
			{ name: 'Edit', value: 'edit' },
		],
		description: 'Whether the session is for viewing or editing',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [{ displayName: 'Version ID', name: 'version', type: 'string', default: '', description: 'Open an older version instead of the current one' }],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const viewerId = String(this.getNodeParameter('viewerId', i)).trim();
	if (!viewerId) {
		throw new NodeOperationError(this.getNode(), 'Viewer ID is empty', { itemIndex: i, description: 'Enter a viewer ID such as pdf or monaco.' });
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const version = String(options.version ?? '').trim();
	const result = await createViewerSession(
		client,
		{
			uri,
			viewer_id: viewerId,
			preferred_action: this.getNodeParameter('preferredAction', i) as 'view' | 'edit',
			...(version ? { version } : {}),
		},
		i,
	);
	const json: IDataObject = {
		uri,
		viewerId,
		sessionId: result.session.id,
		accessToken: result.session.access_token,
		expires: new Date(result.session.expires).toISOString(),
	};
	if (result.wopi_src) json.wopiSrc = result.wopi_src;
	return { json };
}
