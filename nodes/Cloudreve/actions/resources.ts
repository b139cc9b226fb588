// Every resource of the action node. A new resource is one import and one entry here.
import { fileResource } from './file/File.resource';
import { folderResource } from './folder/Folder.resource';
import { siteResource } from './site/Site.resource';
import { taskResource } from './task/Task.resource';
import type { ResourceModule } from './types';
import { userResource } from './user/User.resource';

export const RESOURCES: ResourceModule[] = [fileResource, folderResource, siteResource, taskResource, userResource];
