import { SvgIconProps } from '@material-ui/core/SvgIcon';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import AppsIcon from '@material-ui/icons/Apps';
import AssignmentIcon from '@material-ui/icons/Assignment';
import BugReportIcon from '@material-ui/icons/BugReport';
import BuildIcon from '@material-ui/icons/Build';
import BusinessIcon from '@material-ui/icons/Business';
import CategoryIcon from '@material-ui/icons/Category';
import CloudIcon from '@material-ui/icons/Cloud';
import CodeIcon from '@material-ui/icons/Code';
import ComputerIcon from '@material-ui/icons/Computer';
import DashboardIcon from '@material-ui/icons/Dashboard';
import DescriptionIcon from '@material-ui/icons/Description';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import DnsIcon from '@material-ui/icons/Dns';
import DomainIcon from '@material-ui/icons/Domain';
import EventIcon from '@material-ui/icons/Event';
import ExtensionIcon from '@material-ui/icons/Extension';
import FlightTakeoffIcon from '@material-ui/icons/FlightTakeoff';
import GitHubIcon from '@material-ui/icons/GitHub';
import GroupIcon from '@material-ui/icons/Group';
import LanguageIcon from '@material-ui/icons/Language';
import LayersIcon from '@material-ui/icons/Layers';
import LinkIcon from '@material-ui/icons/Link';
import LockIcon from '@material-ui/icons/Lock';
import MemoryIcon from '@material-ui/icons/Memory';
import NotificationsIcon from '@material-ui/icons/Notifications';
import PersonIcon from '@material-ui/icons/Person';
import PublicIcon from '@material-ui/icons/Public';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import RouterIcon from '@material-ui/icons/Router';
import ScheduleIcon from '@material-ui/icons/Schedule';
import SecurityIcon from '@material-ui/icons/Security';
import SettingsIcon from '@material-ui/icons/Settings';
import SpeedIcon from '@material-ui/icons/Speed';
import StorageIcon from '@material-ui/icons/Storage';
import TimerIcon from '@material-ui/icons/Timer';
import WidgetsIcon from '@material-ui/icons/Widgets';
import { ComponentType } from 'react';

/**
 * Port's icon names (blueprints, properties) onto Material UI icons. Port's
 * icon set is far larger; names without a counterpart get a generic icon.
 * Keys are lower case.
 */
const PORT_ICONS: Record<string, ComponentType<SvgIconProps>> = {
  alert: ReportProblemIcon,
  api: LinkIcon,
  apps: AppsIcon,
  blueprint: AccountTreeIcon,
  bug: BugReportIcon,
  calendar: EventIcon,
  clock: ScheduleIcon,
  cloud: CloudIcon,
  cluster: DeviceHubIcon,
  code: CodeIcon,
  computer: ComputerIcon,
  customer: BusinessIcon,
  dashboard: DashboardIcon,
  database: StorageIcon,
  deployment: FlightTakeoffIcon,
  devopstool: BuildIcon,
  docs: DescriptionIcon,
  domain: DomainIcon,
  environment: LayersIcon,
  github: GitHubIcon,
  group: GroupIcon,
  incident: ReportProblemIcon,
  link: LinkIcon,
  lock: LockIcon,
  microservice: MemoryIcon,
  network: RouterIcon,
  notification: NotificationsIcon,
  package: ExtensionIcon,
  plugin: ExtensionIcon,
  public: PublicIcon,
  security: SecurityIcon,
  server: DnsIcon,
  service: SettingsIcon,
  speed: SpeedIcon,
  storage: StorageIcon,
  team: GroupIcon,
  template: AssignmentIcon,
  timer: TimerIcon,
  user: PersonIcon,
  web: LanguageIcon,
  widgets: WidgetsIcon,
};

/** The icon component of a Port icon name; a generic one when unknown. */
export function portIcon(
  name: string | undefined,
): ComponentType<SvgIconProps> {
  return (name && PORT_ICONS[name.toLocaleLowerCase('en-US')]) || CategoryIcon;
}

/** A Port icon, as Material UI renders icons. */
export function PortIcon(props: { name?: string } & SvgIconProps) {
  const { name, ...rest } = props;
  const Icon = portIcon(name);
  return <Icon {...rest} />;
}
