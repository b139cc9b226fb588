import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as copy from './copy.operation';
import * as create from './create.operation';
import * as createDirectLink from './createDirectLink.operation';
import * as createViewerSession from './createViewerSession.operation';
import * as deleteFile from './delete.operation';
import * as deleteDirectLink from './deleteDirectLink.operation';
import * as deletePermission from './deletePermission.operation';
import * as deleteVersion from './deleteVersion.operation';
import * as download from './download.operation';
import * as emptyTrash from './emptyTrash.operation';
import * as get from './get.operation';
import * as getDownloadUrl from './getDownloadUrl.operation';
import * as getThumbnailUrl from './getThumbnailUrl.operation';
import * as list from './list.operation';
import * as listActivities from './listActivities.operation';
import * as listArchive from './listArchive.operation';
import * as move from './move.operation';
import * as pin from './pin.operation';
import * as rename from './rename.operation';
import * as restore from './restore.operation';
import * as search from './search.operation';
import * as setCurrentVersion from './setCurrentVersion.operation';
import * as setPermission from './setPermission.operation';
import * as unpin from './unpin.operation';
import * as updateContent from './updateContent.operation';
import * as updateMetadata from './updateMetadata.operation';
import * as upload from './upload.operation';

// Keep the options sorted by name (n8n lint); each has an `action` an AI agent can pick from.
const operations: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['file'] } },
	options: [
		{ name: 'Copy', value: 'copy', action: 'Copy files or folders', description: 'Copy one or more files or folders into a folder' },
		{ name: 'Create', value: 'create', action: 'Create a file', description: 'Create an empty file (missing parent folders are created)' },
		{
			name: 'Create Direct Link',
			value: 'createDirectLink',
			action: 'Create a direct link',
			description: 'Create a permanent public download link (no sign-in needed) for one or more files',
		},
		{
			name: 'Create Viewer Session',
			value: 'createViewerSession',
			action: 'Create a viewer session',
			description: 'Open a file in one of the site\'s viewers or online editors and get the session token',
		},
		{ name: 'Delete', value: 'delete', action: 'Delete files or folders', description: 'Move files or folders to the trash, or delete them permanently' },
		{ name: 'Delete Direct Link', value: 'deleteDirectLink', action: 'Delete a direct link', description: 'Revoke a direct link so it stops working' },
		{
			name: 'Delete Permission [Pro]',
			value: 'deletePermission',
			action: 'Delete the permission setting of a file',
			description: 'Cloudreve Pro: remove an item\'s own access rules so it inherits them again',
		},
		{ name: 'Delete Version', value: 'deleteVersion', action: 'Delete a file version', description: 'Delete an older version of a file' },
		{
			name: 'Download',
			value: 'download',
			action: 'Download a file',
			description: 'Download a file into a binary field (streamed); a folder or several items come as one zip archive',
		},
		{ name: 'Empty Trash', value: 'emptyTrash', action: 'Empty the trash', description: 'Permanently delete everything in the trash (Cloudreve 4.18+)' },
		{
			name: 'Get',
			value: 'get',
			action: 'Get a file or folder',
			description: 'Get the details of a file or folder, optionally with versions, links, shares and a folder summary',
		},
		{
			name: 'Get Download URL',
			value: 'getDownloadUrl',
			action: 'Get a download URL',
			description: 'Get a temporary signed URL that downloads a file, or a zip of several items (the bytes are not fetched)',
		},
		{ name: 'Get Thumbnail URL', value: 'getThumbnailUrl', action: 'Get a thumbnail URL', description: 'Get a temporary URL of a file\'s thumbnail image' },
		{ name: 'List', value: 'list', action: 'List a folder', description: 'List the files and subfolders of a folder, optionally filtered' },
		{
			name: 'List Activities [Pro]',
			value: 'listActivities',
			action: 'List file activities',
			description: 'Cloudreve Pro: the history of a file or folder',
		},
		{ name: 'List Archive Contents', value: 'listArchive', action: 'List archive contents', description: 'List the entries inside a zip or 7z file without extracting it' },
		{ name: 'Move', value: 'move', action: 'Move files or folders', description: 'Move one or more files or folders into a folder' },
		{ name: 'Pin', value: 'pin', action: 'Pin a file or folder', description: 'Pin an item (or a search) to the web client\'s sidebar' },
		{ name: 'Rename', value: 'rename', action: 'Rename a file or folder', description: 'Give a file or folder a new name in the same folder' },
		{ name: 'Restore', value: 'restore', action: 'Restore from trash', description: 'Restore items from the trash to where they were' },
		{
			name: 'Search',
			value: 'search',
			action: 'Search files and folders',
			description: 'Find files and folders below a folder by name, type, category, size, dates or metadata, or by content',
		},
		{
			name: 'Set Current Version',
			value: 'setCurrentVersion',
			action: 'Set the current version of a file',
			description: 'Make an older version of a file the current one',
		},
		{
			name: 'Set Permission [Pro]',
			value: 'setPermission',
			action: 'Set the permission of a file',
			description: 'Cloudreve Pro: set who may access a file or folder',
		},
		{ name: 'Unpin', value: 'unpin', action: 'Unpin a file or folder', description: 'Remove an item from the web client\'s sidebar' },
		{
			name: 'Update Content',
			value: 'updateContent',
			action: 'Update the content of a file',
			description: 'Replace a file\'s content (up to 50 MiB) with text or a binary file, optionally only if unchanged since a version',
		},
		{
			name: 'Update Metadata',
			value: 'updateMetadata',
			action: 'Update metadata of files or folders',
			description: 'Set or remove tags, custom properties and other metadata',
		},
		{
			name: 'Upload',
			value: 'upload',
			action: 'Upload a file',
			description: 'Upload a binary file or a text into a folder (streamed in chunks, any size, any storage policy)',
		},
	],
	default: 'list',
};

export const fileResource: ResourceModule = {
	resource: { name: 'File', value: 'file' },
	operations,
	modules: {
		copy,
		create,
		createDirectLink,
		createViewerSession,
		delete: deleteFile,
		deleteDirectLink,
		deletePermission,
		deleteVersion,
		download,
		emptyTrash,
		get,
		getDownloadUrl,
		getThumbnailUrl,
		list,
		listActivities,
		listArchive,
		move,
		pin,
		rename,
		restore,
		search,
		setCurrentVersion,
		setPermission,
		unpin,
		updateContent,
		updateMetadata,
		upload,
	},
};
