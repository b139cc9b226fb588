import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as cancelDownload from './cancelDownload.operation';
import * as createArchive from './createArchive.operation';
import * as createDownload from './createDownload.operation';
import * as extractArchive from './extractArchive.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getProgress from './getProgress.operation';
import * as importFiles from './import.operation';
import * as relocate from './relocate.operation';
import * as selectFiles from './selectFiles.operation';

const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['task'] } },
	options: [
		{
			name: 'Cancel Remote Download',
			value: 'cancelDownload',
			action: 'Cancel a remote download',
			description: 'Stop a running remote download; other task types cannot be canceled',
		},
		{
			name: 'Create Archive',
			value: 'createArchive',
			action: 'Create a zip archive',
			description: 'Pack files and folders of the drive into a new zip file, as a background task',
		},
		{
			name: 'Create Remote Download',
			value: 'createDownload',
			action: 'Create a remote download',
			description: 'Let the server download URLs, magnet links or a torrent into a folder of the drive',
		},
		{
			name: 'Extract Archive',
			value: 'extractArchive',
			action: 'Extract an archive',
			description: 'Unpack a zip, 7z, rar or tar archive of the drive into a folder, as a background task',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get a task',
			description: 'Get the status, error and progress of one task by ID, optionally waiting until it finishes',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			action: 'Get many tasks',
			description: 'List your tasks of one category (general, downloading, downloaded)',
		},
		{
			name: 'Get Progress',
			value: 'getProgress',
			action: 'Get the progress of a task',
			description: 'Get the live progress counters of a running task',
		},
		{
			name: 'Import External Files',
			value: 'import',
			action: 'Import external files',
			description: 'Administrators: register files already in a storage policy as a user\'s files',
		},
		{
			name: 'Relocate Storage Policy',
			value: 'relocate',
			action: 'Relocate files to another storage policy',
			description: 'Cloudreve Pro: move the stored data of files to another storage policy',
		},
		{
			name: 'Select Download Files',
			value: 'selectFiles',
			action: 'Select the files of a torrent download',
			description: 'Choose which files of a torrent or magnet download are downloaded',
		},
	],
	default: 'getMany',
};

export const taskResource: ResourceModule = {
	resource: { name: 'Task', value: 'task', description: 'Background tasks: archives, extraction, remote downloads, imports' },
	operations,
	modules: { cancelDownload, createArchive, createDownload, extractArchive, get, getMany, getProgress, import: importFiles, relocate, selectFiles },
};
