// The Statuspage v2 wire shapes as the simulator serves them, for typing test assertions.

export interface WirePage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

export interface WireComponent {
  id: string;
  name: string;
  status: string;
  group: boolean;
  group_id: string | null;
  position: number;
  components?: string[];
}

export interface WireAffected {
  code: string;
  name: string;
  old_status: string;
  new_status: string;
}

export interface WireUpdate {
  id: string;
  status: string;
  body: string;
  created_at: string;
  display_at: string;
  affected_components: WireAffected[] | null;
}

export interface WireIncident {
  id: string;
  name: string;
  status: string;
  impact: string;
  created_at: string;
  updated_at: string;
  started_at: string;
  resolved_at: string | null;
  incident_updates: WireUpdate[];
  components: WireComponent[];
}

export interface WireSummary {
  page: WirePage;
  components: WireComponent[];
  incidents: WireIncident[];
  scheduled_maintenances: WireIncident[];
  status: { indicator: string; description: string };
}

export interface WireIncidents {
  page: WirePage;
  incidents: WireIncident[];
}

export interface WireMaintenances {
  page: WirePage;
  scheduled_maintenances: WireIncident[];
}
