// Every resource of the action node. A new resource is one import and one entry here.
import { davResource } from './dav/Dav.resource';
import { fileResource } from './file/File.resource';
import { folderResource } from './folder/Folder.resource';
import { groupResource } from './group/Group.resource';
import { lockResource } from './lock/Lock.resource';
import { shareResource } from './share/Share.resource';
import { siteResource } from './site/Site.resource';
import { taskResource } from './task/Task.resource';
import type { ResourceModule } from './types';
import { userResource } from './user/User.resource';
import { vasResource } from './vas/Vas.resource';

export const RESOURCES: ResourceModule[] = [fileResource, folderResource, siteResource, taskResource, userResource, shareResource, lockResource, davResource, groupResource, vasResource];
