--
-- PostgreSQL database dump
--

\restrict vbgRTpuaIv9u6VnzSGFGuxLMVpNaSgSY8aLGJ9hbDGAjHplOVggCt0TnTh12uzr

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: river_job_state; Type: TYPE; Schema: public; Owner: -
--

CREATE TYPE public.river_job_state AS ENUM (
    'available',
    'cancelled',
    'completed',
    'discarded',
    'pending',
    'retryable',
    'running',
    'scheduled'
);


--
-- Name: river_job_state_in_bitmask(bit, public.river_job_state); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.river_job_state_in_bitmask(bitmask bit, state public.river_job_state) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$
    SELECT CASE state
        WHEN 'available' THEN get_bit(bitmask, 7)
        WHEN 'cancelled' THEN get_bit(bitmask, 6)
        WHEN 'completed' THEN get_bit(bitmask, 5)
        WHEN 'discarded' THEN get_bit(bitmask, 4)
        WHEN 'pending'   THEN get_bit(bitmask, 3)
        WHEN 'retryable' THEN get_bit(bitmask, 2)
        WHEN 'running'   THEN get_bit(bitmask, 1)
        WHEN 'scheduled' THEN get_bit(bitmask, 0)
        ELSE 0
    END = 1;
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: api_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_tokens (
    id text NOT NULL,
    person_id text NOT NULL,
    name bytea NOT NULL,
    token_hash text NOT NULL,
    created_at bigint NOT NULL,
    last_used_at bigint NOT NULL,
    scopes text DEFAULT 'profile:read,profile:write'::text NOT NULL
);


--
-- Name: card_shares; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.card_shares (
    id text NOT NULL,
    person_id text NOT NULL,
    token_hash text NOT NULL,
    share text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    opened_at bigint DEFAULT 0 NOT NULL,
    opens integer DEFAULT 0 NOT NULL,
    practices bytea
);


--
-- Name: channel_confirms; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.channel_confirms (
    token_hash text NOT NULL,
    channel_id text NOT NULL,
    expires_at bigint NOT NULL
);


--
-- Name: channels; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.channels (
    id text NOT NULL,
    person_id text NOT NULL,
    type text NOT NULL,
    body bytea NOT NULL,
    confirmed_at bigint DEFAULT 0 NOT NULL,
    failures integer DEFAULT 0 NOT NULL,
    unsubscribe_hash text NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: circle_invites; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.circle_invites (
    id text NOT NULL,
    circle_id text NOT NULL,
    created_by text NOT NULL,
    token_hash text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    signup_at bigint DEFAULT 0 NOT NULL
);


--
-- Name: circle_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.circle_members (
    circle_id text NOT NULL,
    person_id text NOT NULL,
    creator boolean DEFAULT false NOT NULL,
    share text NOT NULL,
    joined_at bigint NOT NULL,
    practices bytea,
    insights_out integer DEFAULT 0 NOT NULL
);


--
-- Name: circles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.circles (
    id text NOT NULL,
    name bytea NOT NULL,
    wrapped bytea NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: data_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.data_keys (
    person_id text NOT NULL,
    wrapped bytea NOT NULL
);


--
-- Name: deliveries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.deliveries (
    channel_id text NOT NULL,
    delivery_id text NOT NULL,
    sent_at bigint NOT NULL
);


--
-- Name: drop_alerts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.drop_alerts (
    id text NOT NULL,
    encounter_id text NOT NULL,
    person_id text NOT NULL,
    followup_id text,
    body bytea NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: drop_replies; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.drop_replies (
    alert_id text NOT NULL,
    person_id text NOT NULL,
    seq integer NOT NULL,
    body bytea NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: encounter_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.encounter_members (
    encounter_id text NOT NULL,
    person_id text NOT NULL,
    "position" integer NOT NULL,
    checkin_at bigint,
    confirmed_at bigint,
    reflected_at bigint,
    journal bytea,
    starter boolean DEFAULT false NOT NULL,
    checkin bytea,
    reflection bytea,
    followups_off boolean DEFAULT false NOT NULL
);


--
-- Name: encounter_signals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.encounter_signals (
    encounter_id text NOT NULL,
    seq bigint NOT NULL,
    person_id text NOT NULL,
    at bigint NOT NULL,
    body bytea
);


--
-- Name: encounters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.encounters (
    id text NOT NULL,
    circle_id text,
    stage text NOT NULL,
    created_at bigint NOT NULL,
    stage_at bigint NOT NULL,
    minutes integer NOT NULL,
    reveal_after bigint NOT NULL,
    last_seq bigint DEFAULT 0 NOT NULL,
    wrapped bytea,
    kind bytea
);


--
-- Name: followups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.followups (
    id text NOT NULL,
    encounter_id text NOT NULL,
    person_id text NOT NULL,
    after_ms bigint NOT NULL,
    due_at bigint NOT NULL,
    state text NOT NULL,
    answer bytea,
    answered_at bigint,
    created_at bigint NOT NULL
);


--
-- Name: goose_db_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.goose_db_version (
    id integer NOT NULL,
    version_id bigint NOT NULL,
    is_applied boolean NOT NULL,
    tstamp timestamp without time zone DEFAULT now() NOT NULL
);


--
-- Name: goose_db_version_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.goose_db_version ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY (
    SEQUENCE NAME public.goose_db_version_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: passkey_challenges; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.passkey_challenges (
    challenge_hash text NOT NULL,
    expires_at bigint NOT NULL
);


--
-- Name: passkeys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.passkeys (
    id text NOT NULL,
    person_id text NOT NULL,
    credential_id bytea NOT NULL,
    public_key bytea NOT NULL,
    attestation_type text NOT NULL,
    aaguid bytea NOT NULL,
    sign_count bigint NOT NULL,
    transports text NOT NULL,
    backup_eligible boolean NOT NULL,
    backup_state boolean NOT NULL,
    name bytea NOT NULL,
    created_at bigint NOT NULL,
    last_used_at bigint NOT NULL
);


--
-- Name: people; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.people (
    id text NOT NULL,
    username text NOT NULL,
    display_name bytea NOT NULL,
    admin boolean DEFAULT false NOT NULL,
    disabled boolean DEFAULT false NOT NULL,
    time_zone text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    password_hash text DEFAULT ''::text NOT NULL,
    signin_failures integer DEFAULT 0 NOT NULL,
    last_signin_failure bigint DEFAULT 0 NOT NULL,
    quiet_start integer DEFAULT '-1'::integer NOT NULL,
    quiet_end integer DEFAULT '-1'::integer NOT NULL,
    profile_version integer DEFAULT 0 NOT NULL,
    profile_saved_at bigint DEFAULT 0 NOT NULL,
    followup_prefs bytea
);


--
-- Name: profile_versions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.profile_versions (
    person_id text NOT NULL,
    version integer NOT NULL,
    card bytea NOT NULL,
    restored integer DEFAULT 0 NOT NULL,
    created_at bigint NOT NULL,
    why bytea
);


--
-- Name: river_job; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.river_job (
    id bigint NOT NULL,
    state public.river_job_state DEFAULT 'available'::public.river_job_state NOT NULL,
    attempt smallint DEFAULT 0 NOT NULL,
    max_attempts smallint DEFAULT 25 NOT NULL,
    attempted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    finalized_at timestamp with time zone,
    scheduled_at timestamp with time zone DEFAULT now() NOT NULL,
    priority smallint DEFAULT 1 NOT NULL,
    args jsonb NOT NULL,
    attempted_by text[],
    errors jsonb[],
    kind text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    queue text DEFAULT 'default'::text NOT NULL,
    tags character varying(255)[] DEFAULT '{}'::character varying[] NOT NULL,
    unique_key bytea,
    unique_states bit(8),
    CONSTRAINT finalized_or_finalized_at_null CHECK ((((finalized_at IS NULL) AND (state <> ALL (ARRAY['cancelled'::public.river_job_state, 'completed'::public.river_job_state, 'discarded'::public.river_job_state]))) OR ((finalized_at IS NOT NULL) AND (state = ANY (ARRAY['cancelled'::public.river_job_state, 'completed'::public.river_job_state, 'discarded'::public.river_job_state]))))),
    CONSTRAINT kind_length CHECK (((char_length(kind) > 0) AND (char_length(kind) < 128))),
    CONSTRAINT max_attempts_is_positive CHECK ((max_attempts > 0)),
    CONSTRAINT priority_in_range CHECK (((priority >= 1) AND (priority <= 4))),
    CONSTRAINT queue_length CHECK (((char_length(queue) > 0) AND (char_length(queue) < 128)))
);


--
-- Name: river_job_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.river_job_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: river_job_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.river_job_id_seq OWNED BY public.river_job.id;


--
-- Name: river_leader; Type: TABLE; Schema: public; Owner: -
--

CREATE UNLOGGED TABLE public.river_leader (
    elected_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    leader_id text NOT NULL,
    name text DEFAULT 'default'::text NOT NULL,
    CONSTRAINT leader_id_length CHECK (((char_length(leader_id) > 0) AND (char_length(leader_id) < 128))),
    CONSTRAINT name_length CHECK ((name = 'default'::text))
);


--
-- Name: river_migration; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.river_migration (
    line text NOT NULL,
    version bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT line_length CHECK (((char_length(line) > 0) AND (char_length(line) < 128))),
    CONSTRAINT version_gte_1 CHECK ((version >= 1))
);


--
-- Name: river_notification; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.river_notification (
    id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    payload text NOT NULL,
    topic text NOT NULL,
    CONSTRAINT topic_length CHECK (((length(topic) > 0) AND (length(topic) < 128)))
);


--
-- Name: river_notification_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.river_notification_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: river_notification_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.river_notification_id_seq OWNED BY public.river_notification.id;


--
-- Name: river_queue; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.river_queue (
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    paused_at timestamp with time zone,
    updated_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);


--
-- Name: server_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.server_keys (
    name text NOT NULL,
    wrapped bytea NOT NULL,
    body bytea NOT NULL,
    created_at bigint NOT NULL
);


--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sessions (
    id text NOT NULL,
    person_id text NOT NULL,
    token_hash text NOT NULL,
    device text NOT NULL,
    created_at bigint NOT NULL,
    last_seen_at bigint NOT NULL,
    authenticated_at bigint DEFAULT 0 NOT NULL
);


--
-- Name: signin_devices; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.signin_devices (
    id text NOT NULL,
    person_id text NOT NULL,
    token_hash text NOT NULL,
    failures integer DEFAULT 0 NOT NULL,
    last_failure bigint DEFAULT 0 NOT NULL,
    created_at bigint NOT NULL,
    last_used_at bigint NOT NULL
);


--
-- Name: suggestion_dismissals; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.suggestion_dismissals (
    person_id text NOT NULL,
    body bytea NOT NULL,
    updated_at bigint NOT NULL
);


--
-- Name: river_job id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.river_job ALTER COLUMN id SET DEFAULT nextval('public.river_job_id_seq'::regclass);


--
-- Name: river_notification id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.river_notification ALTER COLUMN id SET DEFAULT nextval('public.river_notification_id_seq'::regclass);


--
-- Data for Name: api_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.api_tokens (id, person_id, name, token_hash, created_at, last_used_at, scopes) FROM stdin;
01a221b7-51bc-72ed-b39d-b78b520bdf29	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	\\x013a7bf6807fc8f1acea78a208ef002057a9f49574c215700dde1216c1e4a21553f65870197792bab9df6438df14d8ed7356d9d0a8b17c	472b8d4a554a103fe1511c27aefaa9c18574d73ee0182b1bb98ca6074e6b2f63	1795554000123	1795554000123	["profile:read"]
\.


--
-- Data for Name: card_shares; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.card_shares (id, person_id, token_hash, share, created_at, expires_at, opened_at, opens, practices) FROM stdin;
01a221b7-51cf-7b49-a6ad-ebc99112a80c	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	cf6dfeb36f31270173b80d29b82ffab47178b0b538a4a126de7ab51cabab8fe9	some	1795554000123	1795557600123	1795554000123	1	\\x0113782f651ba300f2b66c5ccaead654c7a2cd609ed8dd058873e2b15f7e0a4f5a68a24a2951649098da0c18c61c5d123f88198f0b9642cc668311a31e3842001380de6413cb848c656fe263762748d305c73370b6894de1f96c2f6e0c52d80ca4dd2ac280cab77ab6
\.


--
-- Data for Name: channel_confirms; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.channel_confirms (token_hash, channel_id, expires_at) FROM stdin;
6f35dd4f14898f79ff811bb69c4465790aa9f6d4e08b6724ada6cbe7d28d14c3	01a221b7-520f-7ed9-9f74-30d9163f770c	1795640400123
\.


--
-- Data for Name: channels; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.channels (id, person_id, type, body, confirmed_at, failures, unsubscribe_hash, created_at) FROM stdin;
01a221b7-520b-7b8f-b550-e87a139a4eb5	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	email	\\x01c177384f9e2894a0059512e10adac80141e9b54fe6ed0edb39f72d56c37e82de6a4cf1e58d4deac9cc159aa354726810a724bc86c307e2ca319357961362fc7cf02e6dd8ea3b1adea9bbfff8c9675ee63f95266d004abdd75da343495a80daf038edd88a34769ce38ba62e35ccd2f4a48f559b556f8746e76675075cf98bcdcb7bcb69c369f5145bd2b4d81c19959ce8e81880c428e4b196530132a56e010b9c096796ac37abe66ab6b31eebf1bcab35222e5557787f2e1b4d203859c137e9b5ebdfe24c909b6f5d6da88eab80b9d9277d1184f53c19abdfdba15335e79d6b4af43dc5db99cf8f5e	1795554000123	0	9b145909aaefc69d5979351f35a69a17a6feac3941083b3360db36b9d3661396	1795554000123
01a221b7-520f-7ed9-9f74-30d9163f770c	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	email	\\x01bcfd939aa65205a808e6de0286d6c0843241aa57b250865f60ac5f77caa67d1238a63b5bb61e5c081a2a0d4282c1bc1dd4b2cd5fa86150dd6c9a5dbb59fa26dcf5ce7631d69ab1db7ea9f1278d46f48a9a2473e233e271ff93d0a0343af432a199c2cc6368bef4effb7f5e56c97b4e56c03d13ff2ddd05a9cd39abf426c679a5a647f7fb23e9c5e40e4a6d093f0aec5bf986259b87a18603959f2e0cbf5360ee3ac299bdb53a9c9326a60c3ef6d518f9dd3de8062b930044da0905130241749f3f6eb62ca4ce309552c4fb6f59f9957250926131e137686f066f5dba73fc7df08f564ec17ace543e	0	0	53d5a71a30662e079ead9537e2754265f933221e12bfdf5b41462a40877ca490	1795554000123
01a221b7-5211-7bc7-86c6-30447773a446	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	ntfy	\\x01ad01bf8e9d8498887c9a31a33be62610cbace03ca0268b34abf6ec5da61b858b3d0ce7532d1d03870a367ba1eac84f5aa3580a178ff67e7aa248b444f54ff3748ec64e8300ca101ade1feb58d0c0d4bbbdc9ddcdb4b48ebd8a10e1158412c151596d1dba761bf57b3fe8456aae939f0e4356c324d119282bc5953693c04b72e0febae651919f660ceaca9a57e76c8c7903ddbd18e22cfb31e03735cb06fb40df28a1c52cca399841176434eb23b18cf9dcf22f9bedce47ea2c721d751ba1dae06652a5befebe266ffa91746f6be43569b22e6a0e6f9aef4089f970389f2131c992c606df3c724227	1795554000123	0	5e0a9c00dd31995abe0a32a7cd2a382721f1e6e1b99f19ccbbf9de355ff6c093	1795554000123
01a221b7-5212-709c-bba3-efb081096e93	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	webhook	\\x0171d056d279d54512a3b7c0f2088477c3714b8cdf8eead0276f7e2aa0c428c3a2a395a1ef0b6a67125b367f6acd7d459ca75ca2d03f7f31581d2e446bfe60e24cb6caf4da0bbfa4f90bdac4e2c9f5f95c658e54420e5fda50bcd6d6d463de5f900e6409a8a893ee0d8ed5d49ea92178b845b74545f186ca1e73d1274605f68493de0af70adbfdd175faf131d36c29ac9478b19fda44e2d3d6f3b06a578ed9876e03f6957512a452cc36c354b74348f5b5e917367e27b27d13a55a8672a74aeecfd537fbaca2e3d068350468de81d5f3b29946d8e90a5d70f11ddcb5c041628dc6da6c797c0d3ba605	1795554000123	0	3eb47980b83ab2671afbb3f8d3fd5c2e99bc3f9b7f97faac6804025b076d6b83	1795554000123
01a221b7-5211-75c1-94bd-0c4b6a017e60	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	push	\\x014ab5f40913a755e786431b0c81935c6e9f3c2438d175054ac78fcce0ad633029324f6b11beafb08ff40cb0df44f080a718d1edf577f0df737429510e20163bca6a12e868098eefbabda2d02e4bda51af6ef77c013c4a4042013b7a8f6682bdc46100c81071c0453d0b2f253a1f5c9e470ec2aec7acfdece2bb40313deafec9b6bd4276db3b29cf6b5428f9d65a0564cee5fef0bb86ec497affc056b7a717862bd988b258ae2695b1cc049cbd133dfa14ab1f806049dbd387be64dad31e5d3d3438539514c0bded4ca0d8213b288c2ac5676d7777d31263096b1fe589e00c199c870d67a39cf633a98fb5ab6abd94e7966728c95783830c69f0cee15e7637f94c8989daadf129b821c5246524da17c78030d6bf1915296ba1acca41384f26a49f3552dc4a955ae0e5	1795554000123	1	5c825871de9947d778acd2b69fffe89c8c5200c05ad3fce5eabba97314e2c3e1	1795554000123
\.


--
-- Data for Name: circle_invites; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.circle_invites (id, circle_id, created_by, token_hash, created_at, expires_at, signup_at) FROM stdin;
01a221b7-51cb-7308-90b6-620f2008e28e	01a221b7-51c3-7621-947f-69053976b89c	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	63ca7d51742ce51ecbc63da05dc08d5c02641e25608f89fdfae3986bafa6e332	1795554000123	1796158800123	0
01a221b7-51cc-764c-a103-843291e74c66	01a221b7-51c3-7621-947f-69053976b89c	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	c2acb8170db966de46aa78295b2e6c28faaf44adc8c8f1311216c8ff614d1cf8	1795554000123	1796158800123	1795554000123
\.


--
-- Data for Name: circle_members; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.circle_members (circle_id, person_id, creator, share, joined_at, practices, insights_out) FROM stdin;
01a221b7-51c3-7621-947f-69053976b89c	01a221b7-51b5-74e2-9d8d-2e592a043c59	f	levels	1795554000123	\N	0
01a221b7-51c3-7621-947f-69053976b89c	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	t	some	1795554000123	\\x01a1392cb312319990f6281217cf295133c91b6b036fd3414847d1ad16b645cb38247662a326be6df185e4ed85a832fb93b2b1ac658334ddeda64ff31a3e6c5061cd735788724f8cb77b48d5144e2ec8f8c2bc4f5dda8d5e3e8d0b99eeee56946f7969c4ef30b96b2d	1
01a221b7-51ce-7da7-bcab-63e8b7442cc8	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	t	everything	1795554000123	\N	0
\.


--
-- Data for Name: circles; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.circles (id, name, wrapped, created_at) FROM stdin;
01a221b7-51c3-7621-947f-69053976b89c	\\x01fb07e50a4f54a3c3e99a8c5da587380c3b91d70853e797a4ae13ca883af78f3ccba078bb6660142dc88369d91e974206a81ac6dac5e5ac	\\x0125e1dd9e2ece81faa4f58bd786eeeda05cc44f038ddc0e1129774644a42928c74e79c5870196eab7e110463188d4955c6d3f15c553001d3db2aa144b4021ca1008164e8caf882c2f3f921e468f4ab9fe	1795554000123
01a221b7-51ce-7da7-bcab-63e8b7442cc8	\\x015e0ed6f5db91c30ba0e935a5cc2a85d65e3c1071063461d436914cc05d37209e84a0b10c746e2137608943d182cdf45e539640e283b2	\\x0125e1dd9e2ece81fafdc9a8f9df28f0bb0658f686eee337160fb4f10c446bfb8d0cb11f3672ab72a9ab468c443fa14105d03f2c4b4996dcb1ed391a27e3592e213b3dfcd473288a3982cd69752e599808	1795554000123
\.


--
-- Data for Name: data_keys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.data_keys (person_id, wrapped) FROM stdin;
01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	\\x0125e1dd9e2ece81fa1401010890c3278897ad210c08bf074a7652b708de9493df7c119799989c6d5e0cb21868edebbe11c5d46550d66464ebcd0977be83a4c6ab6ff041762f65dd6887aa6f10681e8d0a
01a221b7-51b5-74e2-9d8d-2e592a043c59	\\x0125e1dd9e2ece81fae5899126b14d3f883e98c0b424fafabfd4750c81a7dc9cf14585f205a4bd8889f6565d5b7916a16808d1db60139f286dd7af20d24a0d4caf5b5053a0db0a2d973fd12283d80298c5
01a221b7-51ce-7559-aef3-f7d9989aba72	\\x0125e1dd9e2ece81fa7f73c4b72e19f6b45413ef58489e781bc9c2150f22067eda2db2bc92cd964bb3b28093e1740d1cb11c50f0b4a6b4cee09be3882044374123af825f2c54a7849adb933698f5b3e290
\.


--
-- Data for Name: deliveries; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.deliveries (channel_id, delivery_id, sent_at) FROM stdin;
01a221b7-5211-75c1-94bd-0c4b6a017e60	d-1	1795554000123
\.


--
-- Data for Name: drop_alerts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.drop_alerts (id, encounter_id, person_id, followup_id, body, created_at) FROM stdin;
01a221b7-51f3-7edb-ae68-77229730b951	01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	01a221b7-51dd-7956-a0d7-25eac9cfe5dd	\\x014428f1718f80d9143f5eca6d4a40848f29764e7a9e8b8b0719128474ab912e9c70a428d0a671133837aecec1d6b479c97cf77918d834a0418d6d07b9deb4ddc0e3adab919ec32ebce358f8725b77344f4f38f2c16ec3fcda35ef6a52954c86b1333b6b6acbb19ff7	1795586400000
01a221b7-51fd-78b4-8659-322e57c256a4	01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	01a221b7-51b5-74e2-9d8d-2e592a043c59	01a221b7-51df-73cb-8c90-5919c2be4b67	\\x010f5a93d5905a52346dcb656dc41853f401272a898f5a7b7f3a588f763ee66ba8f5a5afd299d6eb6c0ee2babdbc406982ed6eb565efeba1965c72ea85c60a9ac03a719794e1a65640bd39a2ecb62a9ab6a910228aabc7aa1d3b1e7a2159f545eca5733c6d1f1cfcc3	1795554000123
\.


--
-- Data for Name: drop_replies; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.drop_replies (alert_id, person_id, seq, body, created_at) FROM stdin;
01a221b7-51fd-78b4-8659-322e57c256a4	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	1	\\x01c1271ca112ea1fbe69ab58283314663a2ad45d0d971a178431b7caf2feaeaafc11d570061c1e6859d646a87154e1d43580bb1280a98524e1fc6142f2ab638c63684639228f04421b1698c22d92598cb6735b544eb1f2e81696ddd09237e2acb159da26675092012a	1795554000123
01a221b7-51f3-7edb-ae68-77229730b951	01a221b7-51b5-74e2-9d8d-2e592a043c59	1	\\x014eab2b5f135781f7af75e690f86c51606f5094767679cff68a60948fde49f2613c2b38991899071e51c7d74b0c3588e9a3bbe9eddb10b627bf4fed385af76d37dec969a469a7e18d188f54e61fa90cb4b92a10ae886b391c10fc92a659a1d0de0e672acde0d831c7	1795554000123
\.


--
-- Data for Name: encounter_members; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.encounter_members (encounter_id, person_id, "position", checkin_at, confirmed_at, reflected_at, journal, starter, checkin, reflection, followups_off) FROM stdin;
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	0	1795554000123	1795554000123	1795554000123	\\x018dd31ce757b3cdf328d107912f1a0621843d11d4137abfcd5e2c26bcd8c5fa107e339207ff2df627d3c1ce679973425cc07b6cea80a54da2f1113c88247ac85dfb17bec1f175dad290ae3e85e1d0e3bb4ae0aa775684f9eeb7d69ff40562258d909bf3e832431940	t	\\x01db125c624150785030f29a571a355b129841cc4c7b372f54fabb20e3136aaadc56882287e943c851e55f8efe0882515fc8ce463a7c691b84d79bc6b02b4ce6480a394d6de79f0f0884706a7f214733e9578dcffc1d5d7212251b71ed23157393f7c773fca4b6ac652ea799458d0067819d1bee1abdc1af366b69854365d1630f6fd82f6488159f88f0a9315a70645aba07940f7c4445fa8abca1c84623cc79c9ebe2d78fcd1f04fe	\\x0127353aedeef0e0ee2160ab1f5bec2db2a6c98a2df6970c3915f3ac3904d633b3d0306ff44d313a332a31b136f289347bf1b2f0e3b13d5bab65bf914fab1831946bb19bc0cd60f142da86a327ba91ee01517481726c34514ca86579f0a4a2bdaa3ff11f8f2ccf58fcfeed280e40f7ece3b9ecc5684678544827721bb94f92ef23e6a9309c5988a3e92e4191b7f3b000bde6b335457355ca80818b4d93a73fb6430e6e93d95f35df7cb4269d5e5380176bc8bd70dfbcc85314b688079ac015417dd3123b06d577df8ab5d97a865ba52a56a5a9714761c3412699951b12ee50832f287f8998428c24d2	f
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	01a221b7-51b5-74e2-9d8d-2e592a043c59	1	1795554000123	1795554000123	1795554000123	\\x01c17eb3528ef5acbac9d1e4c044dfeacc1245756203322865b6e3557453911a6220b55aeb95e4475113872b4c70251fc2984259e85c1b4631865341bf575d99733885e81e61173ff407d9c860df1b535814a2462be2fe23461702dd3e9a93f883e23784390bebac9f	f	\\x014ff14e7a29f2755cdfca020ae8ef31c99bdf08e91947783a2fefc7095ad07256663f723ddf167fed1736c86f7510963d0aa5261a12280eacd801b172d73dae944258e796041acaa34b787fdc3fbd6b59da130cd5d68c54c43c712d2b73bc76b655182e11119dc357ec5e9f9d9a37d8f84f43f65c579922393888165173bc67d1752fc724e6117e0d5190d7346c518927999478a4e5b161e45366d489d7c1268b80e95d051a552e3ef8678707780be06055005e0ec991db8a04e18a68ae48c5cfaecd4c94e6a556bbdc9012e248dd099878bac77897203098c119af1330d44a645c502a1ce6aca3c1	\\x0138714bbc6569873aa9778960e804c87c48f622e6f2900c5d34d733651139aecf39b81618a12d845c1dda57d25a6e0853bc08e808841286534a2b9905b59b17d46165f64e30e5b2bf27b932a9b7e1fdcd11862d86169fded76589a96f78a95b370eab473b605afde761ba50c233916269f0f2430d81e753202bf3211cc3efcd17e201dc1708d62868fec5f40e7e38ffcccb385657c67eafde525eaaa78b1cf8ae3e7bfe6edc8b7394d6d5cc34eca8aa3c67e36c0591304b12edf881c65c49d10f4c77247922d6cdb48ddba98e18340d894ebf11edc565fcc520991c30646a7c7c1eb719ce988957b8	f
01a221b7-5209-7a78-9020-692ca6ff117f	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	0	\N	\N	\N	\N	t	\N	\N	t
\.


--
-- Data for Name: encounter_signals; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.encounter_signals (encounter_id, seq, person_id, at, body) FROM stdin;
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	1	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	1795554000123	\\x013023e935565144d081247ad5adb515bee021c69ce8dc50490f3cbbf320f1a287b01f9f30c65ec16f65cc7716bf5f1632378cc42ea5800da61d81e16720a3c2a5289f137f346fdc6a587103f563304f8df4e1d9b5bec24d0c6a5a6342536c3b2c900ec61c49c6b479
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	2	01a221b7-51b5-74e2-9d8d-2e592a043c59	1795554000123	\\x01e0eb5636fd7d35da8e82784fad5b578af21443c5c5443988cb5ced24d0c53c0e72237c9ace27317b0587cae9e40cb03b69f7a5c760a74b97379052c9783e62ed6eb3cb39646ed83579787e151a0c6f5c87d43a511f1a1dc1b7e41c1c3b236a388d19e712b188b617
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	3	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	1795554000123	\\x01d8ed1ec55a944714d389e79e963dc5f6d85abfaea69f9516299b8a7b39c0cffa804d95dfa17743e9f82ad7244583856539ca92623fc80182f3eb4af864edf3eb79c5266a487dfca0125b7a6252335c78f025409e20cfe13b65e827c22f16b2ff14410bb8f261c618
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	4	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	1795554000123	\\x013123cf9234fb8b9e8f6db6c13f079e4027d3d7da4f72c60e16bdcfb7368ffc6561e84782c9e41afce29c291e7f4be6224d6a8616adfb6b4cdfc5775b9a8c7f322a316d841bddb148241b64e0db533cb45f8a8166b7f60c447dfb13ae0b72aa5740bb448d4cfc61a2
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	5	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	1795554000123	\\x01d930f75034ddec9b28c24bed8de627002dadb5a35eb213bc1cfde539fa58348b093255d0eccf1fab4c0d12d85779c3107e119a0aa28ac65381d6883d927bcb8f88d6d6a062ef52bedf3cf6dcfc857c3d1fe02e542ddc0a2f8e3b66e22d323c15d2cccb57fe4a6dd7
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	6	01a221b7-51b5-74e2-9d8d-2e592a043c59	1795554000123	\\x01803798ce2b9d12850b5c2dc2d1bf7e21ce79b5965025f6a0affbee968114790af698408c9aefc6828f65134b571b9d6ce7ed01517b2f138c485887ff3ad06e14de4f216e5c96fb740d9fe8a81c5926beede9b99fcb05860e295c42ed37224830546d003a81475a0f
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	7	01a221b7-51b5-74e2-9d8d-2e592a043c59	1795554000123	\\x013ea8baabbd733b1051023828c1833ec20f00e92f9448fe54fdfe60185b328aa1ebfcfa769effff48f830573c3f501dfa4bac7287b9acc8838140c83919ef3b0dfcbbdb4ca9e728027ab4a3f206f072525e6d2a4c2cbbe113418009fbd215dfb0c491ebf14a6dd8dc
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	8	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	1795554000123	\\x01a8d2f0550a1e193e25157b0c0247d8b1fe574673b5c8ac3e1e942d0ff85767b28c69b9d66a82cfaf7b5d3deba7a19f4803c79d648679ca45f1373c130fbc6a16ea9ac18dd49f823e9e43ce9394284eefd7e63e37e7c8d287e5ca46422e6907efc4c9b74fed5a9c08
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	9	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	1795554000123	\\x015ba2c81350e082a9863a983532b0601736ffc78a809ceaea2cc5d0a1002e97b1334b7936e7412286f8e2fe5086bf5f7a73cce0add537ffcb1c31fd447432fd89ee70f5936b5f7969674d45cc5618b5de401e96483a59d2d4cf760305e24b043adacf7c82f391c1e0
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	10	01a221b7-51b5-74e2-9d8d-2e592a043c59	1795554000123	\\x0137ae079a6221e868e3fe7666b807ad3d99e18a2b0154148966f49435e51c092c3f59f29ed234b88f26e4421181604356e5c11c5b3327050f99353ca57e4606379ce732c5c96224dd88b8f3b32cebab3e41a423559a1bfa9b91cc78963d333faf7bf70d11bd204d59
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	11	01a221b7-51b5-74e2-9d8d-2e592a043c59	1795554000123	\\x01318580e14682269936e78ba3ec244cfe92d317e243ec05b25ad1520cb032bf9794e873c1bc4e96130166674eb6b895ca0724769d9347f484de4e26efe3336bec72b2c2babb8303449cd4d3f17e4b862a989a80d45b77e3218cbc802707517d64a0a5a9ff119adf4e
\.


--
-- Data for Name: encounters; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.encounters (id, circle_id, stage, created_at, stage_at, minutes, reveal_after, last_seq, wrapped, kind) FROM stdin;
01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	01a221b7-51c3-7621-947f-69053976b89c	done	1795554000123	1795554000123	30	86400000	11	\\x0125e1dd9e2ece81fa5fb1e324def49e25a6ba2b534d6a5955a0b15d6b3fbbc633f4347a5703aa9b5beee6f02db2031c7f0e0412a0d492e38b2efbf9ba964c1c5c83f88d5b891ff384777f5184eb621571	\\x016a53521c12fcd8552839379efb81adfaa8f61f8a535e2f7805c93e1072f5ca6e3ee01d7dbb0492eacf111f8bdaae1665c8db9f6105ddca3d5e8c5d92d6865f02bda94422759ea1fda6c11ae1ca34f9bc6b704ecca444c319f2843846a70a76d02020c0d7d7517328
01a221b7-5209-7a78-9020-692ca6ff117f	\N	before	1795554000123	1795554000123	0	0	0	\\x0125e1dd9e2ece81fa2d7005213294436434fc5995624298545362f5e6fb89b7a45a2e7ca7abde269ab18cc8558b6569333c83fe681a46db6d25420563f12383e34045dc13f98d2aa554b4ccb43fa4aa44	\\x017025056f9eb3ad5b84a79d0ad62e76978a3c9b8db0c609c874893822ae6aa8eb2f576490301718d90d008bc20df5ba01191da99dbbdb1ec16d23d1ed3b8e6d5a670ac05fc1114dc1483bafe5a7ee972eec7efa9f92cb816e85c4502cbebc9ebc1eeb2ae0272a2aa3
\.


--
-- Data for Name: followups; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.followups (id, encounter_id, person_id, after_ms, due_at, state, answer, answered_at, created_at) FROM stdin;
01a221b7-51de-71a4-a29f-1038d5b11690	01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	86400000	1795672800000	scheduled	\N	\N	1795554000123
01a221b7-51df-7617-8df0-ab91144d3458	01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	01a221b7-51b5-74e2-9d8d-2e592a043c59	86400000	1795640400123	scheduled	\N	\N	1795554000123
01a221b7-51dd-7956-a0d7-25eac9cfe5dd	01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	21600000	1795586400000	answered	\\x01a1914a8110a1b9490c9b9c0ddf00d09619e8866b743f422e82628d4cad8ccaa532ffc54da0deb40a08c05aad5c0396b75098cf4c010883dc7ec35fb14aa759e5a06e63832437b7b6aa7a64767bac2d6f5014d0c3ba58b036468dc3068e668b8169641267d1188506	1795586400000	1795554000123
01a221b7-51df-73cb-8c90-5919c2be4b67	01a221b7-51d1-7baf-a5e9-f64a95cfcc4a	01a221b7-51b5-74e2-9d8d-2e592a043c59	21600000	1795575600123	answered	\\x01dca8f76d7f3ee3acea689f1262624d283dc239bbe0bb6d3008afc1da3b5d8f7b27c5c778cd41283eed87a196b7d428a9bc871afc3ae5263bda8a89a303aea4ffcdb16ab70294a9518df33356acc9a9c23c79d62ca0cea103c17de2ed10dfd8db2b2689d5f2f490a2	1795575600123	1795554000123
\.


--
-- Data for Name: goose_db_version; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.goose_db_version (id, version_id, is_applied, tstamp) FROM stdin;
1	0	t	2026-11-28 10:33:11.753752
2	1	t	2026-11-28 10:33:11.757883
3	2	t	2026-11-28 10:33:11.762837
4	3	t	2026-11-28 10:33:11.76624
5	4	t	2026-11-28 10:33:11.767466
6	5	t	2026-11-28 10:33:11.770298
7	6	t	2026-11-28 10:33:11.770964
8	7	t	2026-11-28 10:33:11.771905
9	8	t	2026-11-28 10:33:11.775658
10	9	t	2026-11-28 10:33:11.781514
11	10	t	2026-11-28 10:33:11.783068
12	11	t	2026-11-28 10:33:11.792166
13	12	t	2026-11-28 10:33:11.796422
14	13	t	2026-11-28 10:33:11.805161
15	14	t	2026-11-28 10:33:11.807209
16	15	t	2026-11-28 10:33:11.809997
17	16	t	2026-11-28 10:33:11.813635
18	17	t	2026-11-28 10:33:11.818409
19	18	t	2026-11-28 10:33:11.833769
20	19	t	2026-11-28 10:33:11.833918
21	20	t	2026-11-28 10:33:11.838684
22	21	t	2026-11-28 10:33:11.844916
23	22	t	2026-11-28 10:33:11.855651
\.


--
-- Data for Name: passkey_challenges; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.passkey_challenges (challenge_hash, expires_at) FROM stdin;
5f8cd9bd0652e2497c7ab8862e1a31bf1570705cf94f1e349e728305b80b5ba9	1795554300123
\.


--
-- Data for Name: passkeys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.passkeys (id, person_id, credential_id, public_key, attestation_type, aaguid, sign_count, transports, backup_eligible, backup_state, name, created_at, last_used_at) FROM stdin;
01a221b7-51bd-714e-9273-e3ef26824e8b	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	\\x01c1ed01	\\xa5010201	none	\\x00000000000000000000000000000000	2	["internal","hybrid"]	t	f	\\x0102db971037d07c80e37a3c27adb6d03c4743ee3a7e30ba5e848c05718661cb0f17d506828e1ce2e8aabc0685aa7596b471becfb778b1d74c	1795554000123	1795554000123
\.


--
-- Data for Name: people; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.people (id, username, display_name, admin, disabled, time_zone, created_at, updated_at, password_hash, signin_failures, last_signin_failure, quiet_start, quiet_end, profile_version, profile_saved_at, followup_prefs) FROM stdin;
01a221b7-51b5-74e2-9d8d-2e592a043c59	alex	\\x01ead5a64bfdf6c5c9f3682f8a57d4ef4cb52c81739da5fd4145d8ab205a67ae26a1d2486d8c5a8b55c6e935b3	f	f	Europe/Berlin	1795554000123	1795554000123		0	0	-1	-1	0	0	\N
01a221b7-51ce-7559-aef3-f7d9989aba72	kim	\\x01b8e66372b11004ab06d367745d6504b4b8b39140688b6b7656ab961d0d3dc7ddfbb986f8919407dd6877c9	f	f	UTC	1795554000123	1795554000123	$argon2id$v=19$m=47104,t=1,p=1$c2FsdA$aGFzaA	0	0	-1	-1	0	0	\N
01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	sam	\\x0168451e9a41d4972b396fa8f4c41dba61f0d3df62932879ff3e7586bf6e166327a49ebc6f59fcc29be04007	t	f	Europe/Berlin	1795554000123	1795554000123	$argon2id$v=19$m=47104,t=1,p=1$c2FsdA$aGFzaA	0	0	1320	420	4	1795554000123	\\x018fc878616f1f7183ba19a8fa476e06182b99a1211de499f121831f9f8cbe7f823ad176d57828a09be5815835360f7af071e3e76fadd2d4613a127eaa93d3281619d2853b1397bf82c3f4d4fbb99384fdd3831e68afc7812a213f23ffe4af868eef23a37808775f7ba0e662a216fd1c928f3ed898f89fb6d753ecf9ff07b73061cb8d867e2ba81e2848d25f2d7b0cbfd96c2efa79c6a656651d127e18454ab089c2410cf9c707de42
\.


--
-- Data for Name: profile_versions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.profile_versions (person_id, version, card, restored, created_at, why) FROM stdin;
01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	1	\\x0131a3cc9068226edbb52aeb3b2d62e6339ca815126e5d7269552571f8e6d2210428bc37d7becdf83679e972a2c045b2266546af6f82a57810c6729bce611aee18bfa3eaba26f9e4ab893e6d2a373aea79ccd2e4f079a78b74b0c53c448e709e4cd6766bfb1b343fe2bb2db10f51251421fd595c135495d26df9b9dbcc1ba6e14b8b731a1771f5536f197498f844fa3676545116de5271c440eca9c03e360df7a3157e2ab349c5d9cbea609f14512e97cbeb5ba7e9164d133d795d0ad1383576f4f47464e9194d879c7e56f3af25a4a1381eefab240ccede31aa6f44e27a71df27cab7629488b4d1286d25d3e72d287333a2c25161e2f5f1cbca7731526d6201a9853f225397867798cfd1e2c473c05fbc57fd686ef3b410109ce9e12cbe5f18920e71f3d31f4d58d986750a2cec6ea704c4b3df22715d341189f3942be1810b7bedc3785f309fb9f93f809baed4a5500409dd1ecc063e66c5967e72d7cb11a7bd118d6336a747cea38c9ed75cfea1bfb1dcbbff83bb6461cd4c9578f7dc701492c9a776a25ea7ae953da920fdac8043d9d41021d438b0585ce773a598bd2b47870e6d4cbe5b58c7d7941106d39cfc5ab64583927c51a185ba6ae472b5c9206f10397ca2d8dce45dc9018935ada4c811e174228b97062a5b4e367803ae0755af9cfecea57a03dd74e7254f48d9dde622d0e8fb0c47b7aafd7f13ce71e3e38af64a75247e456ff29b5416a93bfe0a6bb41d85df8a53a9c75aef3196ad2674fea61083f34db60d94a6a7e25afa55458cb5eb60f37e854fcf1ad31c56acb2453dd03694916275da50910537f569b606e45d137de66280b6fd12899d8101331fbc131da95a994f068d486ec35a61bb2f3c5d0d73375d7f04af7bf62abf8954a0ad62ecb04d33c996c30a888d210fedd99f962766e0a8274f1d6a4c26f664549a6bd5acdd540ce80cc04668f4d26ee59e66c87e205389b8891fd80adc94280213be17bbbbc07caf4e7f4f380b56e13a4354c61a7df06549d7d394f570a849bc9d71aeb059596f26ada0cec95f6f463eff85ad4e48d8db273f0a3f709fdd8d0150bc3074380a23ea98ea929555877b868d52a123b8a3e249dcbfe5e82ab2d724df91347e0feb8f6288a380261a11c3930dbbd9c5b05c47ac5b0c0851efdbb7d13fca043634aac4b50ed3f0539d221c4d9b4f42fa114ff8568d6c69486b58425a717503449c732706afb59a43cdb59e3ab45ac38ee622dec16be245cd1908cdf10b	0	1795554000123	\N
01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	2	\\x017bbd6251d836ee5e92a9e60b883edddd47760fb31026419924c14ef974d304fbb7acf71abbe0888d90cbe03b197abe0d87ad609a405e4ec072d0b01d73b9d9cd61a6fc9f72120245b36782bfad98beef8aa547d4085c04b40d28eb52c31a8024e3fdef25197823c47fb8aafdee69e819b05e2cd158060709871c814a43	0	1795554000123	\N
01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	3	\\x0179f391b8259ab6d65df9905ce4286359a586403776b280691dea5731e0007003931019a90e0f1ae074abc6207d5dbbe6d5f6fc1959da784755f4b6e438e2a03d7e7d94cebe080c3df5027435013e8a030bcdda9807bcb8aef4595f51eac50d14345f721b6dfed9d10fa267f15d39f4ee2531bb869e7cb09a131bbc1b731888907f8389f276e40f7eb7c04064cdd9d7f2f9e3738bb5ccca8ff54b3df22a259d0ba5637544aad30bf45e4f2e0d8f320742e6e10e5de5d831052df74974fe7657e7011698cc98229f3e166580ae4655b9e3ff1b24b9f0049b2f87ef394a2c24e28021366f8acfab82a5ff6f453e72f484a8522de47d3bceaf3a77680593eec60e574386db706bed96ed46b463c3008e61328c41993ceafafb0116708c2c790a010123a59061d961bb5cd486064f99ba8c1de55236400a3937f2734665e9f89bf9b3dcb1a3d50e504a0248f2cf28db71a7cd5c4c71e6dac29178d5c51c42349b1cf208506671964ace0ba511ed40d9208202ee4afc9f5b28586f6c0984028aa99f68798e02b26003149af2857097b7981d35e6ce0c28e3d7433956a565cb46a999fec251e86482aa64083846f62ae6a4cf127ff72ba4d280f098a3438b54eae3536edbe16cf169c0a113108670c08b47835e4be98f19ac2bce72ac5c89a159f9ea938008e97abd39f199ba236e5668b848d9fef6af6e26b471b27369d900b4dfa275a1ca94e21e7ae60eb314c036ddfd629a53b3b149e55b65137763d7d3c8cd39d91afdda0d9e401a8de6ce002687c2350d0604edb100b4e6f1859d88dea189c09e0ef800abe94253c3033986250f226dc16ba45e859a22c5b7a7ed857d959c80015c0d474f837baa6f907d1b3007af5df1e4c76eaf00e78b2f26f29f491094ba13775d03cc19746b26d21957df8e46e5e9ad7fa7d233377c5f0d35d8ea6bec7038c46888e251b4abdf76509bd08a20962dc7a11ec5e8a102f7f337165c8306c0848ad410518a39d92a97bfad8afc3f6d195cfe46dcd4a543d03debf0b4cf183e9764bd5cac1d743e86ceb81d2ebb9f4f2f30c88ba1725bdee8a4295ab573d4f3c4a03de8c344f9ed0a1151aa2e44e9eeb4ad2aade327ca765078df00af38aa1eb07f052777ac9af0d206070ff60bc8aa86f8e2fb1da780d40ba9a11cbfbde991fcadb6fc01f98402bd4516b5fc4df86af4f56c463ba3d1f47035dfbc4c0be4f24cbfe191e5c06adf67b6c04a17c11ed79394753a70893b29fa62a33de49b	1	1795554000123	\N
01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	4	\\x014c96e9b13953a3f1d5e8185584af8f3f582c06e94a0f148c44ffe45906e73e171c8a9764596779bcb812510cd3988cdce60e06cf76f7440bc1c9aa009ae55df5eb9805cbf555bbdcd1c3262d6d465ebc029213b55c7d6e9e3e856013e479730c1901e665b63ffc384faace1b597bc60f780cf7c4b69d32c6a478a151f3c4a2a13917fa44530c2dc07c689d36ac28539b6663535591f174e634befd5e6afb4595936bc3d63a0edc688edcb8e02287b625c05b483f9df3775be8a3611df667f4ffcce6e61e6f958af5221fb5f3fc63f71868663f99423255f3dbb453c62f2c5a929cb61d542252dc2f92dbb4b1b3abd70325474a6fa0032ccd7c37f9b340cf24e6394504eea83e96a33f8af4f2162febc26681044252b5cc0dc6433f5cb42ed07fab146b34adbe750ead0e6f4cc73375654e03533b55e5aa761054618a217d162bc04828491b46cec76130bd4ed2d3e09592afa74cad6ff553d50243918398a40351f9533c05e61165fad9195991ab6d27df1f44be41e32f19096ea84ae7086f7c3b2798f6044175bb199c648c467f7ffddc4edd2f63140db446af410f9a9c6e435005c63204f119b970a0d69f2a4fdf8c0024bd791236afcca01530b011fb2d609925e3ee22eb92f1879c08ded35e0e14c30e361d46cd8290e7ca939cbd602bc74c82bff92a7b7ff1967bbcd555bee3128c5ef1f9a7fbb36fb8502f22dbcfcc47685d3fad095b39a29e674c9d2a9bbb5f6149dde25e153b351c702480e63cad21140e942bb7e3342bb3204087935e31c4a8fcb7d9e870ab4f8133cf8a1fa8f102f9dc3f4572d2b3d5192e4152f9665e360d3955d1bfa6e004f8f9f526069bc562810ece880f3fea7403f4713756a786e59e5a5554777c8f3e22db755cb548a1dae00a308c747b86728f6c4decaa4e856e52d2a709580fba52c7623848bb62b91804b7dc6ae1b50ac1e1e5e135635218933a065d5786b94fc9004cf7bbbea64d824b74524b25361282d73ac27c2e7ee06417944fed5222d984b06066db4edecfb8fc19bd10bfde582fb8b89e673e6fe808c83cab2276e13317aa427b62e03875382571e8d49df48080065483c66138805f2a55dab3dac1ef410de25dda0abb1ad2a96b5970403ec837b2036de663969a49626b0a947320a7257bb425a32f72dd6dc756080b30bd9a7be6bba1499a183a544da8ff22458cf9862804aca2b0333ab68c4ddaa884f0e05fbb1f1b20acda862e8e4d7f70a80a145725da6d9398	0	1795554000123	\\x01544b50444efc439114e25fc93f16fcd2cdf90cef8c158904645a992c65842a52191faa9ba77c9e7fc34f68f3d2079d9e536d39edbc2b315c1a23b2d0eba73dac0c80114d613686c9d197bcd7b6758f1414a7a0a828fb33eda28c5770f8983b2f9748a71b4550aa87
\.


--
-- Data for Name: river_job; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.river_job (id, state, attempt, max_attempts, attempted_at, created_at, finalized_at, scheduled_at, priority, args, attempted_by, errors, kind, metadata, queue, tags, unique_key, unique_states) FROM stdin;
1	scheduled	0	10	\N	2026-11-28 10:33:11.903947+00	\N	2026-11-25 06:00:00+00	1	{"at": 1795586400000, "id": "01a221b7-51dd-7956-a0d7-25eac9cfe5dd"}	\N	\N	followup	{}	default	{}	\\x406beada89489b3d471f67caa78ef4294d376318b86c141fbb831de1ab6df1cb	11110101
2	scheduled	0	10	\N	2026-11-28 10:33:11.903947+00	\N	2026-11-26 06:00:00+00	1	{"at": 1795672800000, "id": "01a221b7-51de-71a4-a29f-1038d5b11690"}	\N	\N	followup	{}	default	{}	\\xc3efc94f8e84eac2753b72ffed8c4d844b74b8dccd89763471c98a9c4baad3e5	11110101
3	scheduled	0	10	\N	2026-11-28 10:33:11.903947+00	\N	2026-11-25 03:00:00.123+00	1	{"at": 1795575600123, "id": "01a221b7-51df-73cb-8c90-5919c2be4b67"}	\N	\N	followup	{}	default	{}	\\xb9c7f95bf66ad9e3d33cf49621733a39a294da6c8bdf8596545a3a2637b8a7a2	11110101
4	scheduled	0	10	\N	2026-11-28 10:33:11.903947+00	\N	2026-11-25 21:00:00.123+00	1	{"at": 1795640400123, "id": "01a221b7-51df-7617-8df0-ab91144d3458"}	\N	\N	followup	{}	default	{}	\\xd719b600113e897062c862adfa1449665be39c6d8c8053a221e1078caa7835cb	11110101
5	available	0	10	\N	2026-11-28 10:33:11.949389+00	\N	2026-11-28 10:33:11.949389+00	1	{"key": "confirm-01a221b7-520b-7b8f-b550-e87a139a4eb5", "path": "", "event": "confirm", "channel": "01a221b7-520b-7b8f-b550-e87a139a4eb5"}	\N	\N	deliver	{}	deliveries	{}	\\x3dc370efae2a44a9bdc15ae30db0f25a049cff93110c72f4a3ce58fb85d426e8	11110101
6	available	0	10	\N	2026-11-28 10:33:11.952647+00	\N	2026-11-28 10:33:11.952647+00	1	{"key": "confirm-01a221b7-520f-7ed9-9f74-30d9163f770c", "path": "", "event": "confirm", "channel": "01a221b7-520f-7ed9-9f74-30d9163f770c"}	\N	\N	deliver	{}	deliveries	{}	\\xf2a92f549298dc00836744dfadb02e0ac547ca893a0f790429b483db2edfd35c	11110101
\.


--
-- Data for Name: river_leader; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.river_leader (elected_at, expires_at, leader_id, name) FROM stdin;
\.


--
-- Data for Name: river_migration; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.river_migration (line, version, created_at) FROM stdin;
main	1	2026-11-28 10:33:11.708455+00
main	2	2026-11-28 10:33:11.713855+00
main	3	2026-11-28 10:33:11.725787+00
main	4	2026-11-28 10:33:11.727077+00
main	5	2026-11-28 10:33:11.731237+00
main	6	2026-11-28 10:33:11.743419+00
main	7	2026-11-28 10:33:11.746211+00
main	8	2026-11-28 10:33:11.751792+00
\.


--
-- Data for Name: river_notification; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.river_notification (id, created_at, payload, topic) FROM stdin;
\.


--
-- Data for Name: river_queue; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.river_queue (name, created_at, metadata, paused_at, updated_at) FROM stdin;
\.


--
-- Data for Name: server_keys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.server_keys (name, wrapped, body, created_at) FROM stdin;
vapid	\\x0125e1dd9e2ece81faeb19e883935abf634b44a03223c5cbd7daa41bb75c62244b47aa645d9aed1a089a88836d6eec6a92551a4dd101a5c4fe449980f9dc0ec41d5fb0b33586a8518609bb973c1388f579	\\x01636ad1ae8d447af25dfbbf6099ac1d0988e682f0929784f37e3b1070ae603e29ecdbeb4571527e73cfce2ecd9d058f2657	1795554000123
\.


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.sessions (id, person_id, token_hash, device, created_at, last_seen_at, authenticated_at) FROM stdin;
01a221b7-51b9-7c79-9032-7f9f61f092d4	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	c00d5125f6003c6e644c6f4110a1c6a1f30c94423dfc1a2d826d8c8862df9e26	Firefox on Android	1795554000123	1795554000123	1795554000123
\.


--
-- Data for Name: signin_devices; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.signin_devices (id, person_id, token_hash, failures, last_failure, created_at, last_used_at) FROM stdin;
01a221b7-51ba-78e4-b588-6cb1e7986935	01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	34a85ef063ea0c2f8f2e67a3e5792af6326dbb6e0480942cfed2c8846d8621a9	1	1795554000123	1795554000123	1795554000123
\.


--
-- Data for Name: suggestion_dismissals; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.suggestion_dismissals (person_id, body, updated_at) FROM stdin;
01a221b7-51b3-7d67-9ee4-4a6ef8ac0c66	\\x01c8d2dda0a70100286063c4de3dd14586c80d948e1c9b54b6af8ea60c565ff3d9fc0d89fc2af089b562e691e4d3bfd2bbcd0b9971f162c5e4166b0140bec587e6d06ea57451322339e8d21d4ba4c535f5ce1069428a148b4dd2faf646fa5497b3a3039cdac4d7ed44	1795554000123
\.


--
-- Name: goose_db_version_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.goose_db_version_id_seq', 23, true);


--
-- Name: river_job_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.river_job_id_seq', 6, true);


--
-- Name: river_notification_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.river_notification_id_seq', 1, false);


--
-- Name: api_tokens api_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_pkey PRIMARY KEY (id);


--
-- Name: api_tokens api_tokens_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash);


--
-- Name: card_shares card_shares_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.card_shares
    ADD CONSTRAINT card_shares_pkey PRIMARY KEY (id);


--
-- Name: card_shares card_shares_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.card_shares
    ADD CONSTRAINT card_shares_token_hash_key UNIQUE (token_hash);


--
-- Name: channel_confirms channel_confirms_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.channel_confirms
    ADD CONSTRAINT channel_confirms_pkey PRIMARY KEY (token_hash);


--
-- Name: channels channels_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.channels
    ADD CONSTRAINT channels_pkey PRIMARY KEY (id);


--
-- Name: channels channels_unsubscribe_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.channels
    ADD CONSTRAINT channels_unsubscribe_hash_key UNIQUE (unsubscribe_hash);


--
-- Name: circle_invites circle_invites_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.circle_invites
    ADD CONSTRAINT circle_invites_pkey PRIMARY KEY (id);


--
-- Name: circle_invites circle_invites_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.circle_invites
    ADD CONSTRAINT circle_invites_token_hash_key UNIQUE (token_hash);


--
-- Name: circle_members circle_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.circle_members
    ADD CONSTRAINT circle_members_pkey PRIMARY KEY (circle_id, person_id);


--
-- Name: circles circles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.circles
    ADD CONSTRAINT circles_pkey PRIMARY KEY (id);


--
-- Name: data_keys data_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.data_keys
    ADD CONSTRAINT data_keys_pkey PRIMARY KEY (person_id);


--
-- Name: deliveries deliveries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_pkey PRIMARY KEY (channel_id, delivery_id);


--
-- Name: drop_alerts drop_alerts_followup_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.drop_alerts
    ADD CONSTRAINT drop_alerts_followup_id_key UNIQUE (followup_id);


--
-- Name: drop_alerts drop_alerts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.drop_alerts
    ADD CONSTRAINT drop_alerts_pkey PRIMARY KEY (id);


--
-- Name: drop_replies drop_replies_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.drop_replies
    ADD CONSTRAINT drop_replies_pkey PRIMARY KEY (alert_id, seq);


--
-- Name: encounter_members encounter_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encounter_members
    ADD CONSTRAINT encounter_members_pkey PRIMARY KEY (encounter_id, person_id);


--
-- Name: encounter_signals encounter_signals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encounter_signals
    ADD CONSTRAINT encounter_signals_pkey PRIMARY KEY (encounter_id, seq);


--
-- Name: encounters encounters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encounters
    ADD CONSTRAINT encounters_pkey PRIMARY KEY (id);


--
-- Name: followups followups_encounter_id_person_id_after_ms_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.followups
    ADD CONSTRAINT followups_encounter_id_person_id_after_ms_key UNIQUE (encounter_id, person_id, after_ms);


--
-- Name: followups followups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.followups
    ADD CONSTRAINT followups_pkey PRIMARY KEY (id);


--
-- Name: goose_db_version goose_db_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.goose_db_version
    ADD CONSTRAINT goose_db_version_pkey PRIMARY KEY (id);


--
-- Name: passkey_challenges passkey_challenges_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.passkey_challenges
    ADD CONSTRAINT passkey_challenges_pkey PRIMARY KEY (challenge_hash);


--
-- Name: passkeys passkeys_credential_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.passkeys
    ADD CONSTRAINT passkeys_credential_id_key UNIQUE (credential_id);


--
-- Name: passkeys passkeys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.passkeys
    ADD CONSTRAINT passkeys_pkey PRIMARY KEY (id);


--
-- Name: people people_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.people
    ADD CONSTRAINT people_pkey PRIMARY KEY (id);


--
-- Name: people people_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.people
    ADD CONSTRAINT people_username_key UNIQUE (username);


--
-- Name: profile_versions profile_versions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profile_versions
    ADD CONSTRAINT profile_versions_pkey PRIMARY KEY (person_id, version);


--
-- Name: river_job river_job_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.river_job
    ADD CONSTRAINT river_job_pkey PRIMARY KEY (id);


--
-- Name: river_leader river_leader_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.river_leader
    ADD CONSTRAINT river_leader_pkey PRIMARY KEY (name);


--
-- Name: river_migration river_migration_pkey1; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.river_migration
    ADD CONSTRAINT river_migration_pkey1 PRIMARY KEY (line, version);


--
-- Name: river_notification river_notification_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.river_notification
    ADD CONSTRAINT river_notification_pkey PRIMARY KEY (id);


--
-- Name: river_queue river_queue_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.river_queue
    ADD CONSTRAINT river_queue_pkey PRIMARY KEY (name);


--
-- Name: server_keys server_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.server_keys
    ADD CONSTRAINT server_keys_pkey PRIMARY KEY (name);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);


--
-- Name: sessions sessions_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_token_hash_key UNIQUE (token_hash);


--
-- Name: signin_devices signin_devices_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signin_devices
    ADD CONSTRAINT signin_devices_pkey PRIMARY KEY (id);


--
-- Name: signin_devices signin_devices_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signin_devices
    ADD CONSTRAINT signin_devices_token_hash_key UNIQUE (token_hash);


--
-- Name: suggestion_dismissals suggestion_dismissals_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suggestion_dismissals
    ADD CONSTRAINT suggestion_dismissals_pkey PRIMARY KEY (person_id);


--
-- Name: api_tokens_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_tokens_person ON public.api_tokens USING btree (person_id);


--
-- Name: card_shares_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX card_shares_person ON public.card_shares USING btree (person_id);


--
-- Name: channel_confirms_channel; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX channel_confirms_channel ON public.channel_confirms USING btree (channel_id);


--
-- Name: channels_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX channels_person ON public.channels USING btree (person_id);


--
-- Name: circle_invites_circle; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX circle_invites_circle ON public.circle_invites USING btree (circle_id);


--
-- Name: circle_members_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX circle_members_person ON public.circle_members USING btree (person_id);


--
-- Name: drop_alerts_encounter; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX drop_alerts_encounter ON public.drop_alerts USING btree (encounter_id, created_at);


--
-- Name: encounter_members_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX encounter_members_person ON public.encounter_members USING btree (person_id);


--
-- Name: encounter_signals_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX encounter_signals_person ON public.encounter_signals USING btree (person_id);


--
-- Name: followups_inbox; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX followups_inbox ON public.followups USING btree (person_id, state, due_at);


--
-- Name: passkey_challenges_expires; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX passkey_challenges_expires ON public.passkey_challenges USING btree (expires_at);


--
-- Name: passkeys_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX passkeys_person ON public.passkeys USING btree (person_id);


--
-- Name: river_job_args_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX river_job_args_index ON public.river_job USING gin (args);


--
-- Name: river_job_kind; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX river_job_kind ON public.river_job USING btree (kind);


--
-- Name: river_job_metadata_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX river_job_metadata_index ON public.river_job USING gin (metadata);


--
-- Name: river_job_prioritized_fetching_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX river_job_prioritized_fetching_index ON public.river_job USING btree (state, queue, priority, scheduled_at, id);


--
-- Name: river_job_state_and_finalized_at_index; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX river_job_state_and_finalized_at_index ON public.river_job USING btree (state, finalized_at) WHERE (finalized_at IS NOT NULL);


--
-- Name: river_job_unique_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX river_job_unique_idx ON public.river_job USING btree (unique_key) WHERE ((unique_key IS NOT NULL) AND (unique_states IS NOT NULL) AND public.river_job_state_in_bitmask(unique_states, state));


--
-- Name: river_notification_created_at_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX river_notification_created_at_idx ON public.river_notification USING btree (created_at);


--
-- Name: river_notification_topic_id_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX river_notification_topic_id_idx ON public.river_notification USING btree (topic, id);


--
-- Name: sessions_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX sessions_person ON public.sessions USING btree (person_id);


--
-- Name: signin_devices_person; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX signin_devices_person ON public.signin_devices USING btree (person_id);


--
-- Name: api_tokens api_tokens_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_tokens
    ADD CONSTRAINT api_tokens_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: card_shares card_shares_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.card_shares
    ADD CONSTRAINT card_shares_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: channel_confirms channel_confirms_channel_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.channel_confirms
    ADD CONSTRAINT channel_confirms_channel_id_fkey FOREIGN KEY (channel_id) REFERENCES public.channels(id) ON DELETE CASCADE;


--
-- Name: channels channels_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.channels
    ADD CONSTRAINT channels_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: circle_invites circle_invites_circle_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.circle_invites
    ADD CONSTRAINT circle_invites_circle_id_fkey FOREIGN KEY (circle_id) REFERENCES public.circles(id) ON DELETE CASCADE;


--
-- Name: circle_invites circle_invites_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.circle_invites
    ADD CONSTRAINT circle_invites_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: circle_members circle_members_circle_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.circle_members
    ADD CONSTRAINT circle_members_circle_id_fkey FOREIGN KEY (circle_id) REFERENCES public.circles(id) ON DELETE CASCADE;


--
-- Name: circle_members circle_members_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.circle_members
    ADD CONSTRAINT circle_members_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: data_keys data_keys_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.data_keys
    ADD CONSTRAINT data_keys_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: deliveries deliveries_channel_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_channel_id_fkey FOREIGN KEY (channel_id) REFERENCES public.channels(id) ON DELETE CASCADE;


--
-- Name: drop_alerts drop_alerts_encounter_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.drop_alerts
    ADD CONSTRAINT drop_alerts_encounter_id_fkey FOREIGN KEY (encounter_id) REFERENCES public.encounters(id) ON DELETE CASCADE;


--
-- Name: drop_alerts drop_alerts_followup_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.drop_alerts
    ADD CONSTRAINT drop_alerts_followup_id_fkey FOREIGN KEY (followup_id) REFERENCES public.followups(id) ON DELETE CASCADE;


--
-- Name: drop_alerts drop_alerts_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.drop_alerts
    ADD CONSTRAINT drop_alerts_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: drop_replies drop_replies_alert_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.drop_replies
    ADD CONSTRAINT drop_replies_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES public.drop_alerts(id) ON DELETE CASCADE;


--
-- Name: drop_replies drop_replies_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.drop_replies
    ADD CONSTRAINT drop_replies_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: encounter_members encounter_members_encounter_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encounter_members
    ADD CONSTRAINT encounter_members_encounter_id_fkey FOREIGN KEY (encounter_id) REFERENCES public.encounters(id) ON DELETE CASCADE;


--
-- Name: encounter_members encounter_members_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encounter_members
    ADD CONSTRAINT encounter_members_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: encounter_signals encounter_signals_encounter_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encounter_signals
    ADD CONSTRAINT encounter_signals_encounter_id_fkey FOREIGN KEY (encounter_id) REFERENCES public.encounters(id) ON DELETE CASCADE;


--
-- Name: encounter_signals encounter_signals_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encounter_signals
    ADD CONSTRAINT encounter_signals_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: encounters encounters_circle_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.encounters
    ADD CONSTRAINT encounters_circle_id_fkey FOREIGN KEY (circle_id) REFERENCES public.circles(id) ON DELETE SET NULL;


--
-- Name: followups followups_encounter_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.followups
    ADD CONSTRAINT followups_encounter_id_fkey FOREIGN KEY (encounter_id) REFERENCES public.encounters(id) ON DELETE CASCADE;


--
-- Name: followups followups_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.followups
    ADD CONSTRAINT followups_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: passkeys passkeys_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.passkeys
    ADD CONSTRAINT passkeys_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: profile_versions profile_versions_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profile_versions
    ADD CONSTRAINT profile_versions_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: sessions sessions_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: signin_devices signin_devices_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signin_devices
    ADD CONSTRAINT signin_devices_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- Name: suggestion_dismissals suggestion_dismissals_person_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suggestion_dismissals
    ADD CONSTRAINT suggestion_dismissals_person_id_fkey FOREIGN KEY (person_id) REFERENCES public.people(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict vbgRTpuaIv9u6VnzSGFGuxLMVpNaSgSY8aLGJ9hbDGAjHplOVggCt0TnTh12uzr

