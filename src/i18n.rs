//! The translation layer. Norwegian bokmål first, English second.
//!
//! Every string the UI shows is a [`Key`]. The `translations!` table below requires both a
//! `nb` and an `en` text for each key, so a missing translation is a compile error.
//! Texts with numbers in them are small functions at the bottom of this file.

use leptos::prelude::*;

/// The languages of the UI (defined in the shared crate: the server's CSV speaks them too).
pub use kursbro_shared::texts::Lang;

macro_rules! translations {
    ($($key:ident { nb: $nb:expr, en: $en:expr $(,)? })*) => {
        /// A string of the UI.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($key),* }

        /// Each key's texts, in the order of the keys: a table the app reads by index,
        /// rather than a `match` of two arms per key compiled into the app (26 kB of code).
        const TEXTS: &[[&str; 2]] = &[$([$nb, $en]),*];

        impl Key {
            /// Every key, for tests that check the table.
            pub const ALL: &'static [Key] = &[$(Key::$key),*];

            pub fn text(self, lang: Lang) -> &'static str {
                let column = match lang {
                    Lang::Nb => 0,
                    Lang::En => 1,
                };
                TEXTS[self as usize][column]
            }
        }
    };
}

translations! {
    AppName { nb: "Kursbro", en: "Kursbro" }
    Tagline { nb: "Kompetanse for helse og omsorg", en: "Competence for health and care" }
    SkipToContent { nb: "Hopp til innholdet", en: "Skip to content" }
    MainNavigation { nb: "Hovedmeny", en: "Main menu" }
    NavHome { nb: "Hjem", en: "Home" }
    NavCatalogue { nb: "Katalog", en: "Catalogue" }
    NavSignIn { nb: "Logg inn", en: "Sign in" }
    NavSignOut { nb: "Logg ut", en: "Sign out" }
    ClockWrong { nb: "Klokken på enheten din ser ut til å gå feil, så Kursbro brukte tidspunktet da serveren fikk det du gjorde. Sjekk dato og klokkeslett i innstillingene.", en: "Your device's clock seems to be wrong, so Kursbro used the time the server received what you did. Check the date and time in your settings." }
    SignOutPending { nb: "Du er logget ut på denne enheten. Uten nett kunne ikke Kursbro si fra til serveren ennå; det skjer automatisk når nettet er tilbake.", en: "You are signed out on this device. Without network Kursbro could not tell the server yet; it will as soon as the network is back." }
    SwitchLanguage { nb: "English", en: "Norsk" }
    SwitchLanguageLabel { nb: "Switch to English", en: "Bytt til norsk" }
    SignedInAs { nb: "Innlogget som", en: "Signed in as" }
    Loading { nb: "Laster …", en: "Loading …" }
    TryAgain { nb: "Prøv igjen", en: "Try again" }
    PartFailedTitle { nb: "Denne delen av Kursbro kunne ikke hentes", en: "This part of Kursbro could not be fetched" }
    PartFailedText { nb: "Siden trenger en del av appen som ikke er lastet ned til enheten ennå, og nettet svarer ikke. Det du har gjort er lagret. Prøv igjen når du har nett.", en: "The page needs a part of the app that is not on this device yet, and the network does not answer. What you have done is saved. Try again when you are online." }
    PartFailedAgain { nb: "Det gikk ikke denne gangen heller. Har du nett, kan Kursbro ha fått en ny versjon siden du åpnet siden: last den på nytt.", en: "That did not work this time either. If you are online, Kursbro may have been updated since you opened the page: reload it." }
    ReloadPage { nb: "Last siden på nytt", en: "Reload the page" }
    Footer { nb: "Kursbro – kompetanseplattform for helse- og omsorgstjenesten", en: "Kursbro – competence platform for the health and care services" }

    HomeTitle { nb: "Kompetanse som passer inn i turnusen", en: "Learning that fits around your shifts" }
    HomeIntro {
        nb: "Kursbro samler videreutdanning og obligatoriske kurs for helse- og omsorgsansatte på ett sted. Ta modulene i den rekkefølgen som passer deg, på mobilen eller på PC, i ditt eget tempo.",
        en: "Kursbro brings further education and mandatory courses for health and care staff together in one place. Take the modules in any order, on your phone or computer, at your own pace.",
    }
    HomeBrowse { nb: "Se katalogen", en: "Browse the catalogue" }
    HomeForLearners { nb: "For deg som lærer", en: "For learners" }
    HomeForLearnersText { nb: "Moduler i valgfri rekkefølge og fremdrift som aldri går tapt.", en: "Modules in any order and progress that is never lost." }
    HomeForFacilitators { nb: "For veiledere", en: "For facilitators" }
    HomeForFacilitatorsText { nb: "Oversikt over hele kullet og diskusjonene.", en: "An overview of the whole cohort and its discussions." }
    Greeting { nb: "Velkommen tilbake", en: "Welcome back" }

    CatalogueTitle { nb: "Katalog", en: "Catalogue" }
    CatalogueIntro { nb: "Alle publiserte studieprogrammer, moduler og obligatoriske kurs.", en: "All published study programmes, modules and mandatory courses." }
    Programmes { nb: "Studieprogrammer", en: "Study programmes" }
    Modules { nb: "Moduler", en: "Modules" }
    StatutoryCourses { nb: "Obligatoriske kurs", en: "Mandatory courses" }
    ProgrammeModules { nb: "Moduler i programmet", en: "Modules in the programme" }
    AnyOrder { nb: "Modulene kan tas i valgfri rekkefølge.", en: "The modules can be taken in any order." }
    Required { nb: "obligatorisk", en: "required" }
    Optional { nb: "valgfri", en: "optional" }
    Provider { nb: "Tilbyder", en: "Provider" }
    Theme { nb: "Tema", en: "Theme" }
    Workload { nb: "Arbeidsmengde", en: "Workload" }
    Credits { nb: "Studiepoeng", en: "Credits" }
    Validity { nb: "Gyldighet", en: "Valid for" }
    Activities { nb: "Aktiviteter", en: "Activities" }
    PartOfProgrammes { nb: "Inngår i", en: "Part of" }
    NoModules { nb: "Ingen moduler er publisert ennå.", en: "No modules have been published yet." }
    BackToCatalogue { nb: "Tilbake til katalogen", en: "Back to the catalogue" }

    ActivityLesson { nb: "Leksjon", en: "Lesson" }
    ActivityQuiz { nb: "Quiz", en: "Quiz" }
    ActivityReflection { nb: "Refleksjon", en: "Reflection" }
    ActivityExternal { nb: "Ekstern e-læring", en: "External e-learning" }

    SignInTitle { nb: "Logg inn", en: "Sign in" }
    SignInIntro { nb: "Logg inn med e-postadressen og passordet ditt.", en: "Sign in with your e-mail address and password." }
    Email { nb: "E-postadresse", en: "E-mail address" }
    Password { nb: "Passord", en: "Password" }
    SignInButton { nb: "Logg inn", en: "Sign in" }
    SigningIn { nb: "Logger inn …", en: "Signing in …" }
    AlreadySignedIn { nb: "Du er allerede logget inn.", en: "You are already signed in." }

    ErrInvalidCredentials { nb: "E-postadressen eller passordet er feil.", en: "The e-mail address or the password is wrong." }
    ErrEmailRequired { nb: "Skriv inn e-postadressen din.", en: "Enter your e-mail address." }
    ErrEmailMalformed { nb: "Skriv e-postadressen på formen navn@eksempel.no.", en: "Enter the e-mail address as name@example.com." }
    ErrPasswordRequired { nb: "Skriv inn passordet ditt.", en: "Enter your password." }
    ErrNetwork { nb: "Fikk ikke kontakt med Kursbro. Sjekk nettforbindelsen og prøv igjen.", en: "Could not reach Kursbro. Check your connection and try again." }
    ErrServer { nb: "Noe gikk galt hos oss. Prøv igjen om litt.", en: "Something went wrong on our side. Please try again shortly." }
    ErrNotSignedIn { nb: "Du er ikke logget inn, eller økten er utløpt. Logg inn på nytt.", en: "You are not signed in, or your session has expired. Please sign in again." }
    ErrForbidden { nb: "Rollen din gir ikke tilgang til dette.", en: "Your role does not give access to this." }
    ErrNotFound { nb: "Fant ikke det du lette etter.", en: "We could not find what you were looking for." }
    ErrInvalidInput { nb: "Noe i skjemaet er ikke gyldig. Sjekk feltene og prøv igjen.", en: "Something in the form is not valid. Check the fields and try again." }

    ModuleNotFound { nb: "Modulen finnes ikke", en: "Module not found" }
    ModuleNotFoundText { nb: "Modulen kan være fjernet, eller lenken kan være feil.", en: "The module may have been withdrawn, or the link may be wrong." }
    NotFoundTitle { nb: "Siden finnes ikke", en: "Page not found" }
    NotFoundText { nb: "Vi fant ingen side på denne adressen.", en: "There is no page at this address." }
    GoHome { nb: "Gå til forsiden", en: "Go to the home page" }

    ErrNotEnrolled { nb: "Du er ikke påmeldt denne modulen. Meld deg på først.", en: "You are not enrolled in this module. Enrol first." }
    ErrPrerequisite { nb: "Forfatteren krever at du fullfører en annen modul først.", en: "The author requires you to complete another module first." }
    ErrRenewalNotOpen { nb: "Dette kan ikke tas på nytt nå. Et kurs eller studieprogram du har fullført i Kursbro, kan tas på nytt når fornyelsen er åpen, eller når det har gått ut.", en: "This cannot be taken again now. A course or study programme you completed in Kursbro can be taken again once its renewal is open, or after it has expired." }
    ErrConflict { nb: "Dette gikk ikke: det kolliderer med noe som allerede er lagret. Last siden på nytt og se.", en: "That did not work: it conflicts with something already saved. Reload the page and check." }
    ErrEventIdReused { nb: "Enheten sendte en registrering med en id som allerede er brukt til noe annet. Den ble ikke lagret.", en: "This device sent a record with an id already used for something else. It was not saved." }
    ErrThreadLocked { nb: "Tråden er låst av en veileder og tar ikke imot flere svar.", en: "This thread is locked by a facilitator and takes no more replies." }
    ErrMemberHasOtherRole { nb: "Personen er allerede med i kullet med en annen rolle. Fjern personen først for å bytte rolle.", en: "This person is already in the cohort with another role. Remove them first to change the role." }
    ErrLastFacilitator { nb: "Et kull må ha en veileder. Legg til en annen veileder før du fjerner denne.", en: "A cohort needs a facilitator. Add another facilitator before removing this one." }
    ErrPostDeleted { nb: "Innlegget er slettet av forfatteren og kan ikke endres.", en: "The post was deleted by its author and cannot be changed." }
    ErrPostHidden { nb: "Innlegget er skjult av en veileder og kan ikke endres.", en: "The post is hidden by a facilitator and cannot be changed." }
    RequiresFirst { nb: "Fullfør denne modulen først:", en: "Complete this module first:" }
    ErrWithdrawn { nb: "Modulen er trukket tilbake fra katalogen, så dette kunne ikke lagres.", en: "The module has been withdrawn from the catalogue, so this could not be saved." }

    NavMyProgress { nb: "Min fremdrift", en: "My progress" }
    Offline { nb: "Frakoblet – det du gjør lagres på enheten og sendes senere", en: "Offline – what you do is saved on this device and sent later" }

    SearchLabel { nb: "Søk i katalogen", en: "Search the catalogue" }
    SearchButton { nb: "Søk", en: "Search" }
    Filters { nb: "Avgrens", en: "Filter" }
    FilterLanguage { nb: "Språk", en: "Language" }
    FilterMaxHours { nb: "Høyst antall timer", en: "At most hours" }
    FilterKind { nb: "Type", en: "Type" }
    AllOptions { nb: "Alle", en: "All" }
    KindModules { nb: "Moduler i studieprogram", en: "Programme modules" }
    KindCourses { nb: "Obligatoriske kurs", en: "Mandatory courses" }
    ClearFilters { nb: "Nullstill", en: "Clear" }
    ShowMore { nb: "Vis flere", en: "Show more" }
    NoMatches { nb: "Ingen moduler passer søket. Prøv andre ord eller færre filtre.", en: "No modules match. Try other words or fewer filters." }

    StatusNotStarted { nb: "Ikke påbegynt", en: "Not started" }
    StatusInProgress { nb: "Påbegynt", en: "In progress" }
    StatusCompleted { nb: "Fullført", en: "Completed" }

    Enrol { nb: "Meld meg på", en: "Enrol" }
    Leave { nb: "Meld meg av", en: "Leave" }
    EnrolledDirectly { nb: "Du er påmeldt.", en: "You are enrolled." }
    EnrolledThrough { nb: "Du er påmeldt gjennom et studieprogram eller kullet ditt.", en: "You are enrolled through a programme or your cohort." }
    SignInToTrack { nb: "Logg inn for å melde deg på og lagre fremdriften din.", en: "Sign in to enrol and keep your progress." }
    YourProgress { nb: "Din fremdrift", en: "Your progress" }
    OpenActivity { nb: "Åpne", en: "Open" }

    MarkDone { nb: "Merk som fullført", en: "Mark as done" }
    Done { nb: "Fullført", en: "Done" }
    DoneWaiting { nb: "Fullført – venter på nett", en: "Done – waiting for a connection" }
    WatchVideo { nb: "Se videoen (åpnes i ny fane)", en: "Watch the video (opens in a new tab)" }
    OpenExternal { nb: "Åpne e-læringskurset (åpnes i ny fane)", en: "Open the e-learning course (opens in a new tab)" }
    ExternalHint { nb: "Kom tilbake hit og merk aktiviteten som fullført når du er ferdig.", en: "Come back here and mark the activity as done when you have finished." }
    ChooseOne { nb: "Velg ett svar", en: "Choose one answer" }
    ChooseAll { nb: "Velg alle som passer", en: "Choose all that apply" }
    SubmitAnswers { nb: "Send inn svarene", en: "Submit answers" }
    AnswersWaiting { nb: "Svarene er lagret på enheten og sendes når du er på nett. Resultatet kommer da.", en: "Your answers are saved on this device and will be sent when you are online. The result comes then." }
    Passed { nb: "Bestått", en: "Passed" }
    NotPassed { nb: "Ikke bestått – du kan prøve igjen", en: "Not passed – you can try again" }
    YourReflection { nb: "Din refleksjon", en: "Your reflection" }
    SaveReflection { nb: "Lagre refleksjonen", en: "Save reflection" }
    ReflectionWaiting { nb: "Lagret på enheten – sendes når du er på nett.", en: "Saved on this device – will be sent when you are online." }
    ReflectionSaved { nb: "Refleksjonen er lagret.", en: "Your reflection is saved." }
    ReflectionEmpty { nb: "Skriv refleksjonen din før du lagrer.", en: "Write your reflection before saving." }
    ReflectionTooLong { nb: "Refleksjonen er for lang. Korte den ned litt.", en: "The reflection is too long. Please shorten it." }
    PreviousActivity { nb: "Forrige aktivitet", en: "Previous activity" }
    NextActivity { nb: "Neste aktivitet", en: "Next activity" }
    BackToModule { nb: "Tilbake til modulen", en: "Back to the module" }
    EnrolToSave { nb: "Meld deg på modulen for å lagre fremdriften.", en: "Enrol in the module to save your progress." }
    ActivityNotFound { nb: "Aktiviteten finnes ikke", en: "Activity not found" }

    OptionalDoNotCount { nb: "Valgfrie moduler teller ikke med når programmet regnes som fullført.", en: "Optional modules do not count towards completing the programme." }
    ProgrammeCompleted { nb: "Du har fullført alle de obligatoriske modulene i programmet.", en: "You have completed every required module of the programme." }
    ProgrammeNotFound { nb: "Programmet finnes ikke", en: "Programme not found" }

    MyProgressTitle { nb: "Min fremdrift", en: "My progress" }
    ContinueWhereLeft { nb: "Fortsett der du slapp", en: "Continue where you left off" }
    NothingStarted { nb: "Du har ikke begynt på noe ennå. Finn en modul eller et program i katalogen.", en: "You have not started anything yet. Find a module or programme in the catalogue." }
    ColModule { nb: "Modul", en: "Module" }
    ColStarted { nb: "Startet", en: "Started" }
    ColCompleted { nb: "Fullført", en: "Completed" }
    ColValidUntil { nb: "Gyldig til", en: "Valid until" }
    UnsyncedTitle { nb: "Venter på å bli sendt", en: "Waiting to be sent" }
    RefusedTitle { nb: "Ble ikke lagret", en: "Could not be saved" }
    Dismiss { nb: "Fjern", en: "Dismiss" }

    NavCohorts { nb: "Kull", en: "Cohorts" }
    CohortsTitle { nb: "Kull", en: "Cohorts" }
    NoCohorts { nb: "Du har ingen kull ennå.", en: "You have no cohorts yet." }
    NewCohortTitle { nb: "Nytt kull", en: "New cohort" }
    CohortName { nb: "Navn på kullet", en: "Cohort name" }
    CohortProgramme { nb: "Studieprogram", en: "Programme" }
    CohortStart { nb: "Oppstart", en: "Start date" }
    CreateCohort { nb: "Opprett kullet", en: "Create cohort" }
    ErrCohortName { nb: "Gi kullet et navn.", en: "Give the cohort a name." }
    ErrCohortStart { nb: "Velg en oppstartsdato.", en: "Choose a start date." }
    OpenGrid { nb: "Åpne oversikten", en: "Open the overview" }
    Facilitators { nb: "Veiledere", en: "Facilitators" }
    Learners { nb: "Deltakere", en: "Learners" }
    GridTitle { nb: "Fremdrift per deltaker og modul", en: "Progress per learner and module" }
    GridSummaryLabel { nb: "Sammendrag av kullet", en: "Summary of the cohort" }
    GridCaption { nb: "Hver rad er en deltaker, hver kolonne en modul. Velg en celle for å se detaljene.", en: "Each row is a learner, each column a module. Choose a cell to see the details." }
    MedianProgress { nb: "Median fremdrift", en: "Median progress" }
    CompletionsChart { nb: "Fullførte moduler over tid", en: "Modules completed over time" }
    CellOverdueShort { nb: "Forsinket", en: "Overdue" }
    SortBy { nb: "Sorter etter", en: "Sort by" }
    SortName { nb: "Navn", en: "Name" }
    SortProgress { nb: "Samlet fremdrift", en: "Overall progress" }
    SortLastActivity { nb: "Sist aktiv", en: "Last active" }
    Descending { nb: "Synkende", en: "Descending" }
    Show { nb: "Vis", en: "Show" }
    FilterAll { nb: "Alle deltakere", en: "All learners" }
    FilterNotStarted { nb: "Ikke begynt på noe", en: "Not started anything" }
    FilterInactive { nb: "Inaktive i 14 dager", en: "Inactive for 14 days" }
    FilterOverdue { nb: "Med forsinkede moduler", en: "With overdue modules" }
    Never { nb: "Aldri", en: "Never" }
    DownloadCsv { nb: "Last ned som CSV (Excel)", en: "Download as CSV (Excel)" }
    DownloadCsvComma { nb: "CSV med komma", en: "CSV with commas" }
    PreviousPage { nb: "Forrige side", en: "Previous page" }
    NextPage { nb: "Neste side", en: "Next page" }
    NoRowsMatch { nb: "Ingen deltakere passer filteret.", en: "No learners match the filter." }
    DrillTitle { nb: "Detaljer", en: "Details" }
    CloseDetails { nb: "Lukk detaljene", en: "Close the details" }
    QuizBestShort { nb: "Beste quizresultat", en: "Best quiz score" }
    Reflection { nb: "Refleksjon", en: "Reflection" }
    NotDone { nb: "Ikke fullført", en: "Not done" }
    Members { nb: "Deltakere og veiledere", en: "Learners and facilitators" }
    Remove { nb: "Fjern", en: "Remove" }
    FindPeople { nb: "Finn personer i organisasjonen", en: "Find people in the organisation" }
    AddAsLearner { nb: "Legg til som deltaker", en: "Add as learner" }
    AddAsFacilitator { nb: "Legg til som veileder", en: "Add as facilitator" }
    NoCandidates { nb: "Fant ingen som kan legges til.", en: "Nobody found to add." }
    SearchMembers { nb: "Søk blant medlemmene", en: "Search the members" }
    NoMembersFound { nb: "Ingen medlemmer passer søket.", en: "No members match the search." }

    Discussion { nb: "Diskusjon", en: "Discussion" }
    DiscussionIntro { nb: "Del erfaringer og still spørsmål. Skriv aldri opplysninger som kan identifisere en pasient.", en: "Share experience and ask questions. Never write anything that could identify a patient." }
    NoThreads { nb: "Ingen tråder ennå. Start den første!", en: "No threads yet. Start the first one!" }
    NewThreadTitle { nb: "Ny tråd", en: "New thread" }
    ThreadTitleLabel { nb: "Tittel", en: "Title" }
    PostBodyLabel { nb: "Innlegg (du kan bruke Markdown)", en: "Post (you can use Markdown)" }
    ReplyLabel { nb: "Ditt svar (du kan bruke Markdown)", en: "Your reply (you can use Markdown)" }
    StartThread { nb: "Start tråden", en: "Start thread" }
    SendReply { nb: "Send svaret", en: "Send reply" }
    Unread { nb: "Ulest", en: "Unread" }
    Pinned { nb: "Festet", en: "Pinned" }
    Locked { nb: "Låst", en: "Locked" }
    LockedNotice { nb: "Tråden er låst av en veileder og tar ikke imot flere svar.", en: "The thread is locked by a facilitator and takes no more replies." }
    Edited { nb: "redigert", en: "edited" }
    DeletedByAuthor { nb: "Slettet av forfatteren.", en: "Deleted by the author." }
    HiddenPost { nb: "Innlegget er skjult av en veileder.", en: "This post is hidden by a facilitator." }
    HiddenBecause { nb: "Skjult av en veileder. Begrunnelse:", en: "Hidden by a facilitator. Reason:" }
    Edit { nb: "Rediger", en: "Edit" }
    SaveChanges { nb: "Lagre endringene", en: "Save changes" }
    Cancel { nb: "Avbryt", en: "Cancel" }
    Delete { nb: "Slett", en: "Delete" }
    Report { nb: "Rapporter", en: "Report" }
    ReportReason { nb: "Hva er galt med innlegget?", en: "What is wrong with the post?" }
    SendReport { nb: "Send rapporten", en: "Send report" }
    Reported { nb: "Takk – veilederne har fått beskjed.", en: "Thank you – the facilitators have been told." }
    Hide { nb: "Skjul", en: "Hide" }
    HideReason { nb: "Begrunnelse for å skjule (forfatteren ser den)", en: "Reason for hiding (the author sees it)" }
    ConfirmHide { nb: "Skjul innlegget", en: "Hide the post" }
    Restore { nb: "Vis igjen", en: "Show again" }
    Pin { nb: "Fest tråden", en: "Pin thread" }
    Unpin { nb: "Løsne tråden", en: "Unpin thread" }
    Lock { nb: "Lås tråden", en: "Lock thread" }
    Unlock { nb: "Lås opp tråden", en: "Unlock thread" }
    MorePosts { nb: "Vis flere innlegg", en: "Show more posts" }
    MoreThreads { nb: "Vis flere tråder", en: "Show more threads" }
    BackToDiscussion { nb: "Tilbake til diskusjonen", en: "Back to the discussion" }
    ErrPostEmpty { nb: "Skriv noe før du sender.", en: "Write something before sending." }
    ErrTitleEmpty { nb: "Gi tråden en tittel.", en: "Give the thread a title." }
    ErrReasonEmpty { nb: "Skriv en begrunnelse.", en: "Write a reason." }
    NavModeration { nb: "Moderering", en: "Moderation" }
    ModerationTitle { nb: "Rapporterte innlegg", en: "Reported posts" }
    NoReports { nb: "Ingen rapporterte innlegg venter.", en: "No reported posts are waiting." }
    OpenThread { nb: "Åpne tråden", en: "Open the thread" }

    RoleLearner { nb: "Deltaker", en: "Learner" }
    RoleFacilitator { nb: "Veileder", en: "Facilitator" }
    RoleLeader { nb: "Leder", en: "Leader" }
    RoleAdmin { nb: "Administrator", en: "Administrator" }

    NavRequirements { nb: "Mine krav", en: "My requirements" }
    NavDashboard { nb: "Kompetanseoversikt", en: "Competence overview" }
    HomeForLeaders { nb: "For ledere", en: "For leaders" }
    HomeForLeadersText { nb: "Se hvem i enhetene dine som har fullført den obligatoriske opplæringen og hva som snart går ut, og lag kompetanseplaner for enhetene.", en: "See who in your units has completed the mandatory training and what expires soon, and make competence plans for your units." }
    HomeToDashboard { nb: "Til kompetanseoversikten", en: "Go to the competence overview" }
    RequirementsTitle { nb: "Mine krav", en: "My requirements" }
    RequirementsIntro { nb: "Opplæringen kompetanseplanene der du jobber krever av deg. Det som haster mest, står først.", en: "The training your workplace's competence plans require of you. The most urgent comes first." }
    NoRequirements { nb: "Ingen kompetanseplan stiller krav til deg ennå.", en: "No competence plan requires anything of you yet." }
    PersonNoRequirements { nb: "Ingen kompetanseplan stiller krav til denne personen.", en: "No competence plan requires anything of this person." }
    RequirementsTable { nb: "Kravene dine", en: "Your requirements" }
    ColCourse { nb: "Kurs", en: "Course" }
    ColPlan { nb: "Plan", en: "Plan" }
    ColDue { nb: "Frist", en: "Due" }
    ColStatus { nb: "Status", en: "Status" }
    ColBasis { nb: "Grunnlag", en: "Based on" }
    NoCompletionYet { nb: "Ikke gjennomført", en: "Not completed" }
    StartAgain { nb: "Ta kurset på nytt", en: "Take the course again" }
    StartProgrammeAgain { nb: "Ta programmet på nytt", en: "Take the programme again" }
    Programme { nb: "Studieprogram", en: "Study programme" }
    StartAgainIntro { nb: "Når fornyelsen er åpen, kan du ta et kurs du har fullført på nytt. Fremdriften i kurset begynner fra start; den forrige gjennomføringen står i historikken og gjelder til den går ut.", en: "Once a renewal is open, you can take a course you completed again. Your progress in the course starts over; the previous completion stays in your history and counts until it expires." }
    HistoryTitle { nb: "Historikk", en: "History" }
    NoHistory { nb: "Ingen gjennomføringer ennå.", en: "No completions yet." }
    DashboardTitle { nb: "Kompetanseoversikt", en: "Competence overview" }
    DashboardUnit { nb: "Enhet", en: "Unit" }
    DashboardNoUnits { nb: "Du er ikke leder for noen enhet.", en: "You do not lead any unit." }
    RollupTitle { nb: "Status per krav og per enhet", en: "Status by requirement and by unit" }
    RollupByRequirement { nb: "Per krav", en: "By requirement" }
    RollupByUnit { nb: "Per enhet", en: "By unit" }
    ColGreen { nb: "Grønn: godkjent", en: "Green: approved" }
    ColYellow { nb: "Gul: snart eller ikke tatt", en: "Yellow: soon or not done" }
    ColRed { nb: "Rød: forfalt eller utløpt", en: "Red: overdue or expired" }
    ColRequirement { nb: "Krav", en: "Requirement" }
    ColUnitName { nb: "Enhet", en: "Unit" }
    FilterProfession { nb: "Yrke", en: "Profession" }
    AllProfessions { nb: "Alle yrker", en: "All professions" }
    FilterStatus { nb: "Vis personer", en: "Show people" }
    StatusAllPeople { nb: "Alle", en: "Everyone" }
    StatusRedPeople { nb: "Med rødt (forfalt eller utløpt)", en: "With red (overdue or expired)" }
    StatusYellowPeople { nb: "Med gult, uten rødt", en: "With yellow, no red" }
    StatusGreenPeople { nb: "Helt à jour", en: "Fully up to date" }
    PeopleTable { nb: "Krav per person", en: "Requirements per person" }
    NotListedHere { nb: "Ikke et krav for enheten", en: "Not a requirement of the unit" }
    NoPeopleMatch { nb: "Ingen personer passer filteret.", en: "Nobody matches the filter." }
    BackToDashboard { nb: "Tilbake til kompetanseoversikten", en: "Back to the competence overview" }
    PersonNotFound { nb: "Fant ikke personen blant dem du er leder for", en: "No such person among those you lead" }
    ExternalTitle { nb: "Registrer gjennomføring utenfor Kursbro", en: "Register a completion outside Kursbro" }
    ExternalIntro { nb: "For eksempel praktisk HLR-trening eller et kurs hos en annen arbeidsgiver. Når du registrerer den, er den godkjent av deg, og personen ser hvem som godkjente den og når.", en: "For example practical CPR training or a course at another employer. Registering it approves it in your name; the person sees who approved it and when." }
    FieldCourse { nb: "Kurs", en: "Course" }
    FieldCompletedOn { nb: "Dato gjennomført", en: "Date completed" }
    FieldNote { nb: "Hva og hvor", en: "What and where" }
    ExternalSubmit { nb: "Registrer og godkjenn", en: "Register and approve" }
    ExternalSubmitting { nb: "Registrerer …", en: "Registering …" }
    ExternalSaved { nb: "Registrert og godkjent.", en: "Registered and approved." }
    ErrDateInFuture { nb: "Datoen kan ikke være senere enn i dag.", en: "The date cannot be later than today." }
    ErrDateRequired { nb: "Skriv inn datoen den ble gjennomført.", en: "Enter the date it was completed." }
    ErrNoteRequired { nb: "Skriv kort hva som ble gjennomført, og hvor.", en: "Write briefly what was completed, and where." }

    PlansTitle { nb: "Kompetanseplaner", en: "Competence plans" }
    PlansIntro { nb: "Planene som gjelder for enhetene dine: hva som kreves, av hvem, når det forfaller, og hvordan det fornyes.", en: "The plans that apply to your units: what is required, of whom, when it is due and how it is renewed." }
    PlansLink { nb: "Kompetanseplaner", en: "Competence plans" }
    PlansNone { nb: "Ingen kompetanseplaner gjelder for enhetene dine ennå.", en: "No competence plans apply to your units yet." }
    PlansNotFound { nb: "Kompetanseplaner er for ledere og administratorer.", en: "Competence plans are for leaders and administrators." }
    PlanNotFound { nb: "Fant ikke planen blant dem du kan endre", en: "No such plan among those you can change" }
    PlanNew { nb: "Ny plan", en: "New plan" }
    PlanEdit { nb: "Endre planen", en: "Change the plan" }
    PlanCentral { nb: "Sentral plan for hele organisasjonen", en: "Central plan for the whole organisation" }
    PlanEveryProfession { nb: "Alle yrker", en: "Every profession" }
    PlanRequirementsTable { nb: "Kravene i planen", en: "The plan's requirements" }
    ColRenewal { nb: "Fornyes", en: "Renewed" }
    FieldPlanName { nb: "Navn på planen", en: "Name of the plan" }
    FieldPlanUnit { nb: "Gjelder for", en: "Applies to" }
    FieldSubUnits { nb: "Også enhetene under", en: "Also the units below" }
    FieldProfessions { nb: "Bare disse yrkene (ingen valgt: alle)", en: "Only these professions (none chosen: everyone)" }
    PlanRequirements { nb: "Krav", en: "Requirements" }
    PlanNoRequirements { nb: "Ingen krav ennå. Søk opp et kurs nedenfor og legg det til.", en: "No requirements yet. Find a course below and add it." }
    FieldDue { nb: "Frist", en: "Due" }
    DueAfterJoining { nb: "Dager etter oppstart i enheten", en: "Days after joining the unit" }
    DueByDate { nb: "Innen en fast dato", en: "By a fixed date" }
    FieldDueDays { nb: "Antall dager", en: "Number of days" }
    FieldDueDate { nb: "Dato", en: "Date" }
    FieldRecurs { nb: "Må fornyes", en: "Must be renewed" }
    FieldPeriod { nb: "Gyldig i (måneder)", en: "Valid for (months)" }
    FieldRecertFrom { nb: "Ny gyldighet regnes fra", en: "New validity counts from" }
    FromCompletion { nb: "Datoen det ble gjennomført", en: "The date it was completed" }
    FromExpiry { nb: "Forrige utløpsdato (å fornye tidlig koster ingenting)", en: "The previous expiry (renewing early costs nothing)" }
    FromFixed { nb: "En fast dag hvert år", en: "A fixed day each year" }
    FieldFixedMonth { nb: "Måned", en: "Month" }
    FieldFixedDay { nb: "Dag", en: "Day" }
    FieldMinValidity { nb: "Minst gyldig (måneder)", en: "Valid at least (months)" }
    FieldWindow { nb: "Kan fornyes fra (dager før utløp)", en: "Can be renewed from (days before expiry)" }
    RemoveRequirement { nb: "Fjern", en: "Remove" }
    AddRequirementTitle { nb: "Legg til krav", en: "Add a requirement" }
    FieldFindCourse { nb: "Søk etter kurs eller studieprogram", en: "Find a course or study programme" }
    FindCourse { nb: "Søk", en: "Search" }
    AddCourse { nb: "Legg til", en: "Add" }
    InPlanAlready { nb: "Står i planen", en: "In the plan" }
    NoCoursesFound { nb: "Ingen kurs eller studieprogram passer søket.", en: "No course or study programme matches the search." }
    SavePlan { nb: "Lagre planen", en: "Save the plan" }
    SavingPlan { nb: "Lagrer …", en: "Saving …" }
    DeletePlan { nb: "Slett planen", en: "Delete the plan" }
    DeletePlanConfirm { nb: "Ja, slett planen", en: "Yes, delete the plan" }
    DeletePlanWarning { nb: "Planen forsvinner fra alles krav. Gjennomføringene beholdes hos den enkelte.", en: "The plan disappears from everyone's requirements. The completions stay with each person." }
    BackToPlans { nb: "Tilbake til kompetanseplanene", en: "Back to the competence plans" }
    ErrPlanName { nb: "Gi planen et navn (høyst 120 tegn).", en: "Give the plan a name (at most 120 characters)." }
    ErrPlanEmpty { nb: "Legg til minst ett krav.", en: "Add at least one requirement." }
    ErrPlanTooMany { nb: "En plan kan ha høyst 50 krav.", en: "A plan can have at most 50 requirements." }
    ErrPlanUnit { nb: "Du kan bare lage planer for enhetene du leder og enhetene under dem.", en: "You can make plans only for the units you lead and the units below them." }
    ErrPlanProfessions { nb: "Velg yrker fra listen.", en: "Choose professions from the list." }
    ErrModuleTwice { nb: "kurset står allerede i planen.", en: "the course is already in the plan." }
    ErrModuleGone { nb: "kurset finnes ikke lenger i katalogen. Fjern det.", en: "the course is no longer in the catalogue. Remove it." }
    ErrProgrammeTwice { nb: "studieprogrammet står allerede i planen.", en: "the study programme is already in the plan." }
    ErrProgrammeGone { nb: "studieprogrammet finnes ikke lenger i katalogen. Fjern det.", en: "the study programme is no longer in the catalogue. Remove it." }
    ErrDueDays { nb: "fristen må være fra 0 til 3650 dager etter oppstart.", en: "the due time must be from 0 to 3650 days after joining." }
    ErrDueDate { nb: "velg en frist mellom år 2000 og 2100.", en: "choose a due date between the years 2000 and 2100." }
    ErrPeriod { nb: "gyldigheten må være fra 1 til 120 måneder.", en: "the validity must be from 1 to 120 months." }
    ErrWindow { nb: "fornyelsen kan åpne fra 0 til 365 dager før utløp.", en: "renewal can open from 0 to 365 days before expiry." }
    ErrFixedDay { nb: "velg en dag som finnes i måneden.", en: "choose a day that exists in the month." }
    ErrMinValidity { nb: "minste gyldighet kan ikke være lengre enn gyldigheten.", en: "the least validity cannot be longer than the validity." }
    NavAdmin { nb: "Administrasjon", en: "Administration" }
    AdminTitle { nb: "Administrasjon", en: "Administration" }
    AdminIntro { nb: "Enhetene, yrkene og personene i organisasjonen, og hvem som er leder, veileder eller administrator.", en: "The organisation's units, professions and people, and who is a leader, facilitator or administrator." }
    AdminOnly { nb: "Denne siden er for organisasjonens administratorer.", en: "This page is for the organisation's administrators." }
    AdminPeopleLink { nb: "Personer", en: "People" }
    AdminImportLink { nb: "Importer ansatte fra CSV", en: "Import employees from CSV" }
    BackToAdmin { nb: "Tilbake til administrasjonen", en: "Back to the administration" }
    UnitsTitle { nb: "Enheter", en: "Units" }
    UnitsTable { nb: "Enhetene i organisasjonen", en: "The organisation's units" }
    ColCode { nb: "Kode", en: "Code" }
    ColPeopleCount { nb: "Personer", en: "People" }
    NewUnitTitle { nb: "Ny enhet", en: "New unit" }
    FieldUnitCode { nb: "Kode (brukes i CSV-import, f.eks. HJT-V)", en: "Code (used in CSV imports, e.g. HJT-W)" }
    FieldUnitName { nb: "Navn på enheten", en: "Name of the unit" }
    FieldParentUnit { nb: "Ligger under", en: "Below" }
    AddUnit { nb: "Legg til enheten", en: "Add the unit" }
    UnitAdded { nb: "Enheten er lagt til.", en: "The unit is added." }
    ProfessionsTitle { nb: "Yrker", en: "Professions" }
    NewProfessionTitle { nb: "Nytt yrke", en: "New profession" }
    FieldProfessionName { nb: "Navn på yrket", en: "Name of the profession" }
    AddProfession { nb: "Legg til yrket", en: "Add the profession" }
    ProfessionAdded { nb: "Yrket er lagt til.", en: "The profession is added." }
    PeopleTitle { nb: "Personer", en: "People" }
    PeopleListTable { nb: "Personene i organisasjonen", en: "The organisation's people" }
    FieldSearchPeople { nb: "Søk etter navn eller e-post", en: "Search by name or e-mail" }
    NoPeopleFound { nb: "Ingen personer passer søket.", en: "Nobody matches the search." }
    ColName { nb: "Navn", en: "Name" }
    ColEmail { nb: "E-post", en: "E-mail" }
    ColProfession { nb: "Yrke", en: "Profession" }
    ColAccountStatus { nb: "Status", en: "Status" }
    PersonActive { nb: "Aktiv", en: "Active" }
    PersonInactive { nb: "Deaktivert", en: "Deactivated" }
    PersonNoPassword { nb: "Aktiv, har ikke passord ennå", en: "Active, no password yet" }
    NewPersonTitle { nb: "Ny person", en: "New person" }
    FieldPersonName { nb: "Navn", en: "Name" }
    FieldUnit { nb: "Enhet", en: "Unit" }
    FieldProfession { nb: "Yrke", en: "Profession" }
    NoProfession { nb: "Ikke oppgitt", en: "Not given" }
    AddPerson { nb: "Legg til personen", en: "Add the person" }
    PersonAdded { nb: "Personen er lagt til. Hen har ikke passord ennå og kan ikke logge inn før det er satt.", en: "The person is added. They have no password yet and cannot sign in until one is set." }
    PersonNotInOrg { nb: "Fant ikke personen i organisasjonen din", en: "No such person in your organisation" }
    WorkTitle { nb: "Arbeidssted og status", en: "Workplace and status" }
    WorkIntro { nb: "Flytter du personen til en annen enhet, regnes fristene i den nye enhetens planer fra i dag. En deaktivert person kan ikke logge inn og vises ikke i oversiktene, men alt hen har gjennomført, beholdes.", en: "Moving the person to another unit makes the new unit's plans count their due dates from today. A deactivated person cannot sign in and is not shown in overviews, but everything they completed is kept." }
    FieldActive { nb: "Aktiv (kan logge inn og vises i oversiktene)", en: "Active (can sign in and is shown in overviews)" }
    PersonSaved { nb: "Endringene er lagret.", en: "The changes are saved." }
    GrantsTitle { nb: "Tilganger", en: "Access" }
    NoGrants { nb: "Ingen tilganger utover å lære.", en: "No access beyond learning." }
    GrantFacilitator { nb: "Veileder (lager og følger opp kull)", en: "Facilitator (creates and follows cohorts)" }
    GrantAdmin { nb: "Administrator for organisasjonen", en: "Administrator of the organisation" }
    GrantLeader { nb: "Leder for en enhet", en: "Leader of a unit" }
    GrantAuthor { nb: "Forfatter for organisasjonen (nyheter)", en: "Author for the organisation (news)" }
    NewsTitle { nb: "Nyheter", en: "News" }
    NavFeedback { nb: "Tilbakemeldinger", en: "Feedback" }
    NavAuthoring { nb: "Innhold", en: "Content" }
    AuthoringTitle { nb: "Innhold", en: "Content" }
    AuthoringOnlyAuthors { nb: "Innhold skrives av organisasjonens forfattere og administratorer.", en: "Content is written by the organisation's authors and admins." }
    AuthoringIntro { nb: "Her skriver dere modulene organisasjonen tilbyr. Endringer lagres som utkast; deltakerne ser dem først når dere publiserer.", en: "Here you write the modules your organisation offers. Changes are saved as a draft; learners see them once you publish." }
    AuthoredModules { nb: "Modulene deres", en: "Your modules" }
    AuthoredNone { nb: "Organisasjonen har ingen moduler ennå.", en: "Your organisation has no modules yet." }
    NewModule { nb: "Ny modul", en: "New module" }
    CreateModule { nb: "Opprett modul", en: "Create module" }
    ChangeLog { nb: "Endringslogg", en: "Change log" }
    ChangeLogEmpty { nb: "Ingen endringer ennå.", en: "No changes yet." }
    StateNotPublished { nb: "Ikke publisert", en: "Not published" }
    StateUnpublishedChanges { nb: "Upubliserte endringer", en: "Unpublished changes" }
    StatePublished { nb: "Publisert", en: "Published" }
    ErrModuleSlug { nb: "Adressen kan bare ha små bokstaver a–z, tall og bindestrek.", en: "The address may only have lower-case letters a–z, digits and hyphens." }
    ErrTitleRequired { nb: "Skriv en tittel på høyst 150 tegn.", en: "Write a title of at most 150 characters." }
    FieldTitle { nb: "Tittel", en: "Title" }
    FieldSlug { nb: "Adresse", en: "Address" }
    FieldSlugHint { nb: "Blir en del av lenken til modulen, for eksempel /moduler/handhygiene. Kan ikke endres senere.", en: "Becomes part of the module's link, e.g. /moduler/handhygiene. Cannot be changed later." }
    EditModule { nb: "Rediger modul", en: "Edit module" }
    ModuleDetails { nb: "Om modulen", en: "About the module" }
    FieldSummary { nb: "Kort beskrivelse", en: "Summary" }
    FieldDescription { nb: "Beskrivelse (Markdown)", en: "Description (Markdown)" }
    FieldTheme { nb: "Tema", en: "Theme" }
    FieldLanguage { nb: "Språk", en: "Language" }
    FieldKind { nb: "Type", en: "Kind" }
    KindOneCourse { nb: "Obligatorisk kurs", en: "Mandatory course" }
    KindOneModule { nb: "Modul i et studieprogram", en: "Programme module" }
    FieldHours { nb: "Omtrentlig antall timer", en: "Estimated hours" }
    FieldCredits { nb: "Studiepoeng (valgfritt)", en: "Credits (optional)" }
    CreditsHint { nb: "For moduler i studieprogram, for eksempel 7,5.", en: "For programme modules, e.g. 7.5." }
    FieldValidity { nb: "Gyldighet i måneder (valgfritt)", en: "Validity in months (optional)" }
    ValidityHint { nb: "For kurs som må tas på nytt, for eksempel 24. Tomt: utløper ikke.", en: "For courses that must be retaken, e.g. 24. Empty: does not expire." }
    LangNb { nb: "Bokmål", en: "Norwegian Bokmål" }
    LangNn { nb: "Nynorsk", en: "Norwegian Nynorsk" }
    LangSe { nb: "Nordsamisk", en: "Northern Sami" }
    LangEn { nb: "Engelsk", en: "English" }
    SharedWithLegend { nb: "Hvem kan se modulen", en: "Who can see the module" }
    ShareEveryone { nb: "Alle (hele den regionale katalogen)", en: "Everyone (the whole regional catalogue)" }
    ShareChosen { nb: "Bare vår organisasjon og disse:", en: "Only our organisation and these:" }
    ActivitiesHint { nb: "Deltakerne kan ta aktivitetene i hvilken som helst rekkefølge. Flytt dem med pilknappene eller ved å dra i håndtaket.", en: "Learners can take the activities in any order. Move them with the arrow buttons or by dragging the handle." }
    NewActivityKind { nb: "Ny aktivitet av typen", en: "New activity of kind" }
    AddActivity { nb: "Legg til aktivitet", en: "Add activity" }
    Untitled { nb: "Uten tittel", en: "Untitled" }
    DragToMove { nb: "Dra for å flytte", en: "Drag to move" }
    ActivityNew { nb: "Ny – ikke publisert ennå.", en: "New – not published yet." }
    FieldMinutes { nb: "Omtrentlig antall minutter", en: "Estimated minutes" }
    FieldPrompt { nb: "Spørsmål å reflektere over (Markdown)", en: "Question to reflect on (Markdown)" }
    MarkdownHint { nb: "Markdown: ## for overskrift, **fet**, - for punktliste, [tekst](https://…) for lenke.", en: "Markdown: ## for a heading, **bold**, - for a list, [text](https://…) for a link." }
    FieldExternalUrl { nb: "Adresse til e-læringen", en: "Address of the e-learning" }
    ExternalUrlHint { nb: "Begynner med https://", en: "Starts with https://" }
    FieldLessonBody { nb: "Tekst (Markdown)", en: "Text (Markdown)" }
    FieldVideoUrl { nb: "Video (valgfritt, adresse)", en: "Video (optional, address)" }
    ImageUpload { nb: "Bilde", en: "Image" }
    ImageUploadHint { nb: "PNG, JPEG eller WebP, høyst 2 MB. Bildet legges inn nederst i teksten.", en: "PNG, JPEG or WebP, at most 2 MB. The image is added at the end of the text." }
    FieldImageAlt { nb: "Hva bildet viser (for skjermlesere)", en: "What the image shows (for screen readers)" }
    FieldImageFile { nb: "Bildefil", en: "Image file" }
    UploadImage { nb: "Last opp bilde", en: "Upload image" }
    ImageInserted { nb: "Bildet er lagt inn i teksten.", en: "The image was added to the text." }
    ErrImageAlt { nb: "Beskriv hva bildet viser før du laster det opp.", en: "Describe what the image shows before uploading it." }
    ErrImageFile { nb: "Velg en bildefil.", en: "Choose an image file." }
    ErrUnsupportedImage { nb: "Bare PNG-, JPEG- og WebP-bilder kan lastes opp. SVG og andre filer avvises.", en: "Only PNG, JPEG and WebP images can be uploaded. SVG and other files are refused." }
    ErrTooLarge { nb: "Filen er for stor. Bilder kan være høyst 2 MB.", en: "The file is too large. Images may be at most 2 MB." }
    Preview { nb: "Forhåndsvis", en: "Preview" }
    PreviewHeading { nb: "Forhåndsvisning – slik deltakerne ser teksten", en: "Preview – how learners see the text" }
    FieldPassMark { nb: "Grense for bestått (prosent)", en: "Pass mark (percent)" }
    PassMarkHint { nb: "Fra 0 til 100.", en: "From 0 to 100." }
    AddQuestion { nb: "Legg til spørsmål", en: "Add question" }
    RemoveQuestion { nb: "Fjern spørsmålet", en: "Remove the question" }
    FieldQuestion { nb: "Spørsmål", en: "Question" }
    FieldMultiple { nb: "Flere svar kan være riktige", en: "More than one answer can be right" }
    Options { nb: "Svaralternativer", en: "Options" }
    AddOption { nb: "Legg til svaralternativ", en: "Add option" }
    Correct { nb: "Riktig", en: "Correct" }
    ErrWholeNumber { nb: "Skriv et tall.", en: "Write a number." }
    SaveAndPublish { nb: "Lagre og publiser", en: "Save and publish" }
    SaveDraft { nb: "Lagre utkast", en: "Save draft" }
    ReviewPublish { nb: "Publiser …", en: "Publish …" }
    DraftSaved { nb: "Utkastet er lagret. Deltakerne ser det når du publiserer.", en: "The draft is saved. Learners see it once you publish." }
    SeeAsLearner { nb: "Se modulen som deltaker", en: "See the module as a learner" }
    ImpactTitle { nb: "Dette skjer når du publiserer", en: "What publishing does" }
    ChangeUnchanged { nb: "uendret", en: "unchanged" }
    ChangeChanged { nb: "endret – fullføringer og beståtte prøver gjelder fortsatt", en: "changed – completions and passes still count" }
    ChangeAdded { nb: "ny", en: "new" }
    ChangeRemoved { nb: "fjernes – fullføringer av den teller ikke lenger", en: "removed – its completions no longer count" }
    PublishNow { nb: "Publiser nå", en: "Publish now" }
    PublishedNow { nb: "Publisert. Deltakerne ser nå den nye versjonen.", en: "Published. Learners now see the new version." }
    ImportModule { nb: "Importer en modul", en: "Import a module" }
    ImportModuleHint { nb: "En zip-fil eksportert fra Kursbro (her eller i en annen installasjon). Den blir et utkast som bare organisasjonen deres ser. Har dere en modul med samme adresse, blir filen et nytt utkast av den; deltakernes fremdrift beholdes når filen ble eksportert fra nettopp den modulen.", en: "A zip file exported from Kursbro (here or in another installation). It becomes a draft only your organisation sees. If you have a module with the same address, the file becomes a new draft of it; learners keep their progress when the file was exported from that very module." }
    FieldModuleZip { nb: "Zip-fil", en: "Zip file" }
    Import { nb: "Importer", en: "Import" }
    ErrImportFile { nb: "Velg en zip-fil.", en: "Choose a zip file." }
    ErrImportModule { nb: "Filen kunne ikke importeres. Den må være en modul eksportert fra Kursbro (en zip med module.json), og adressen kan ikke tilhøre en annen organisasjons modul. Ingenting ble importert.", en: "The file could not be imported. It must be a module exported from Kursbro (a zip with module.json), and its address cannot belong to another organisation's module. Nothing was imported." }
    ExportModule { nb: "Last ned som zip", en: "Download as zip" }
    ErrChangedSinceReview { nb: "Du har endret noe etter at du så gjennom hva publiseringen gjør. Se gjennom på nytt før du publiserer.", en: "You changed something after reviewing what publishing does. Review again before publishing." }
    ChangeSharedWithFewer { nb: "Modulen deles med færre organisasjoner: deltakerne deres mister den, også de som er i gang.", en: "The module is shared with fewer organisations: their learners lose it, also those in progress." }
    ChangeValidity { nb: "Gyldigheten endres: utløpsdatoen flyttes for alle som har fullført.", en: "The validity changes: the expiry moves for everyone who has completed it." }
    ChangePrerequisite { nb: "Modulen får et nytt forkunnskapskrav: deltakere som ikke har fullført det, må vente.", en: "The module gets a new prerequisite: learners who have not completed it must wait." }
    ChangeKind { nb: "Modulen bytter type (obligatorisk kurs / modul i studieprogram).", en: "The module changes kind (mandatory course / programme module)." }
    AuthoredProgrammes { nb: "Studieprogrammene deres", en: "Your study programmes" }
    AuthoredNoProgrammes { nb: "Organisasjonen har ingen studieprogrammer ennå.", en: "Your organisation has no study programmes yet." }
    NewProgramme { nb: "Nytt studieprogram", en: "New study programme" }
    CreateProgramme { nb: "Opprett studieprogram", en: "Create study programme" }
    FieldProgrammeSlugHint { nb: "Blir en del av lenken til programmet, for eksempel /programmer/sarbehandling. Kan ikke endres senere.", en: "Becomes part of the programme's link, e.g. /programmer/sarbehandling. Cannot be changed later." }
    EditProgramme { nb: "Rediger studieprogram", en: "Edit study programme" }
    ProgrammeDetails { nb: "Om programmet", en: "About the programme" }
    FieldProgrammeCredits { nb: "Studiepoeng", en: "Credits" }
    ProgrammeModulesHeading { nb: "Moduler i programmet", en: "Modules of the programme" }
    ProgrammeModulesHint { nb: "Publiserte moduler fra katalogen, fra hvilken som helst tilbyder dere ser. Deltakerne tar dem i hvilken som helst rekkefølge; rekkefølgen her er et forslag.", en: "Published modules of the catalogue, from any provider you see. Learners take them in any order; the order here is a suggestion." }
    CountsTowards { nb: "Teller for å fullføre programmet", en: "Counts towards completing the programme" }
    FindModule { nb: "Finn en modul å legge til", en: "Find a module to add" }
    Add { nb: "Legg til", en: "Add" }
    ProgrammePublished { nb: "Publisert (deltakerne ser programmet)", en: "Published (learners see the programme)" }
    SaveProgramme { nb: "Lagre programmet", en: "Save the programme" }
    ProgrammeSaved { nb: "Programmet er lagret.", en: "The programme is saved." }
    PrerequisiteLegend { nb: "Forkunnskapskrav", en: "Prerequisite" }
    PrerequisiteHint { nb: "Vanligvis ingen: deltakerne tar modulene i hvilken som helst rekkefølge. Velg en modul bare når denne ikke gir mening uten den.", en: "Usually none: learners take modules in any order. Choose a module only when this one makes no sense without it." }
    PrerequisiteNone { nb: "Ingen forkunnskapskrav.", en: "No prerequisite." }
    PrerequisiteRemove { nb: "Fjern forkunnskapskravet", en: "Remove the prerequisite" }
    Choose { nb: "Velg", en: "Choose" }
    FieldExplanation { nb: "Forklaring (valgfritt)", en: "Explanation (optional)" }
    ExplanationHint { nb: "Vises for deltakeren etter at hun har svart: hvorfor det riktige svaret er riktig.", en: "Shown to the learner once they have answered: why the right answer is right." }
    Explanations { nb: "Forklaringer", en: "Explanations" }
    NewsThemes { nb: "Temaer", en: "Themes" }
    FieldNewsThemes { nb: "Temaer (valgfritt)", en: "Themes (optional)" }
    NewsThemesHint { nb: "Høyst fem, skilt med komma, for eksempel: Legemidler, Demens", en: "At most five, separated by commas, e.g.: Medicines, Dementia" }
    ErrNewsThemes { nb: "Skriv høyst fem ulike temaer, hvert på høyst 60 tegn, skilt med komma.", en: "Write at most five different themes, each at most 60 characters, separated by commas." }
    ProviderTitle { nb: "Tilbyder", en: "Provider" }
    ProviderProgrammes { nb: "Studieprogrammer", en: "Study programmes" }
    ProviderModules { nb: "Moduler og kurs", en: "Modules and courses" }
    NewsImage { nb: "Bilde (valgfritt)", en: "Image (optional)" }
    NewsImageHint { nb: "PNG, JPEG eller WebP, høyst 2 MB.", en: "PNG, JPEG or WebP, at most 2 MB." }
    ErrProgrammeModules { nb: "En modul i programmet er ikke delt med alle programmet deles med (eller finnes ikke lenger i katalogen). Del programmet med færre, eller velg en annen modul.", en: "A module of the programme is not shared with everyone the programme is shared with (or is no longer in the catalogue). Share the programme with fewer, or choose another module." }
    ErrDraftChanged { nb: "Noen andre har lagret eller publisert modulen etter at du åpnet den. Last siden på nytt og gjør endringene dine igjen.", en: "Someone else saved or published the module after you opened it. Reload the page and make your changes again." }
    FeedbackTitle { nb: "Hva syntes du om modulen?", en: "What did you think of the module?" }
    FeedbackIntro { nb: "Svarene er anonyme: de som har laget modulen, ser bare et sammendrag av fem og fem svar. Du svarer én gang.", en: "Your answers are anonymous: those who made the module see only a summary of five answers at a time. You answer once." }
    FeedbackLowest { nb: "dårligst", en: "poorest" }
    FeedbackHighest { nb: "best", en: "best" }
    FeedbackRelevance { nb: "Hvor nyttig er modulen for arbeidet ditt?", en: "How useful is the module for your work?" }
    FeedbackWorkload { nb: "Stemte arbeidsmengden med det modulen sa?", en: "Did the workload match what the module said?" }
    FeedbackQuality { nb: "Hvor godt var innholdet?", en: "How good was the content?" }
    FeedbackScale { nb: "1 er dårligst, 5 er best.", en: "1 is the poorest, 5 the best." }
    FieldFeedbackComment { nb: "Noe du vil si med egne ord? (valgfritt)", en: "Anything to say in your own words? (optional)" }
    FeedbackSend { nb: "Send tilbakemeldingen", en: "Send the feedback" }
    FeedbackThanks { nb: "Takk for tilbakemeldingen!", en: "Thank you for the feedback!" }
    ErrFeedbackRating { nb: "Velg et tall fra 1 til 5 på hvert spørsmål.", en: "Choose a number from 1 to 5 for each question." }
    ErrFeedbackComment { nb: "Teksten kan ha høyst 2000 tegn og ingen skjulte tegn.", en: "The text may have at most 2,000 characters and no hidden characters." }
    ErrFeedbackGiven { nb: "Du har allerede gitt tilbakemelding på denne modulen.", en: "You have already given feedback on this module." }
    ErrModuleNotCompleted { nb: "Tilbakemelding gis etter at du har fullført modulen.", en: "Feedback is given once you have completed the module." }
    FeedbackOverviewTitle { nb: "Tilbakemeldinger på modulene", en: "Feedback on the modules" }
    FeedbackOverviewIntro { nb: "Det deltakerne svarte etter å ha fullført modulene organisasjonen din tilbyr. Ingen navn, og bare fem og fem svar om gangen, eldst først: de nyeste venter til de er fem.", en: "What learners answered after completing the modules your organisation offers. No names, and only five answers at a time, oldest first: the newest wait until there are five." }
    FeedbackOnlyAuthors { nb: "Tilbakemeldingene er for forfattere og administratorer hos tilbyderen.", en: "The feedback is for the provider's authors and administrators." }
    FeedbackComments { nb: "Med egne ord", en: "In their own words" }
    NewsLatest { nb: "Siste nytt", en: "Latest news" }
    NewsAll { nb: "Alle nyheter", en: "All news" }
    NewsNone { nb: "Ingen nyheter ennå.", en: "No news yet." }
    NewsMore { nb: "Vis flere nyheter", en: "Show more news" }
    NewsFeed { nb: "Nyhetene som Atom-feed", en: "The news as an Atom feed" }
    NewsWrite { nb: "Skriv en nyhet", en: "Write a news item" }
    FieldNewsTitle { nb: "Tittel", en: "Title" }
    FieldNewsBody { nb: "Tekst (Markdown: **fet**, *kursiv*, lister og lenker)", en: "Text (Markdown: **bold**, *italic*, lists and links)" }
    NewsPublish { nb: "Publiser nyheten", en: "Publish the news item" }
    NewsPosted { nb: "Nyheten er publisert.", en: "The news item is published." }
    NewsDelete { nb: "Ta ned", en: "Take down" }
    NewsDeleteWarning { nb: "Nyheten forsvinner for alle som kan se den.", en: "The news item disappears for everyone who can see it." }
    NewsDeleteConfirm { nb: "Ja, ta ned nyheten", en: "Yes, take the news item down" }
    ErrNewsTitle { nb: "Skriv en tittel på høyst 150 tegn.", en: "Write a title of at most 150 characters." }
    ErrNewsBody { nb: "Skriv en tekst på høyst 20 000 tegn.", en: "Write a text of at most 20,000 characters." }
    RemoveGrant { nb: "Fjern tilgangen", en: "Remove the access" }
    AddGrantTitle { nb: "Gi tilgang", en: "Give access" }
    FieldGrantKind { nb: "Tilgang", en: "Access" }
    FieldGrantUnit { nb: "Enheten hen skal lede", en: "The unit they will lead" }
    AddGrant { nb: "Gi tilgangen", en: "Give the access" }
    ImportTitle { nb: "Importer ansatte fra CSV", en: "Import employees from CSV" }
    ImportIntro { nb: "Én linje per person: navn, e-post, enhetskode og yrke (kode eller navn), skilt med semikolon eller komma. Første linje er overskriften navn;e-post;enhet;yrke. Enten importeres alle linjene, eller ingen – da står det hvilke linjer som må rettes.", en: "One line per person: name, e-mail, unit code and profession (code or name), separated by semicolons or commas. The first line is the header name;email;unit;profession. Either every line is imported or none – then the report says which lines to fix." }
    FieldCsvFile { nb: "CSV-fil", en: "CSV file" }
    FieldCsvText { nb: "Innholdet i filen (eller lim inn)", en: "The file's content (or paste it)" }
    ImportCheck { nb: "Sjekk linjene", en: "Check the lines" }
    ImportRun { nb: "Importer", en: "Import" }
    ImportWorking { nb: "Arbeider …", en: "Working …" }
    RefusedTable { nb: "Linjer som må rettes", en: "Lines to fix" }
    ColLine { nb: "Linje", en: "Line" }
    ColField { nb: "Felt", en: "Field" }
    ColProblem { nb: "Hva er galt", en: "What is wrong" }
    ErrCsvEmpty { nb: "Velg en fil eller lim inn linjene.", en: "Choose a file or paste the lines." }
    ErrCsvUnreadable { nb: "Filen kunne ikke leses som tekst (UTF-8).", en: "The file could not be read as text (UTF-8)." }
    ErrUnitCode { nb: "Koden kan ha bokstaver a–z, sifre, bindestrek, understrek og punktum (høyst 30 tegn), og må være ledig.", en: "The code may have letters a–z, digits, hyphens, underscores and dots (at most 30 characters), and must not be taken." }
    ErrUnitName { nb: "Skriv navnet på enheten (høyst 120 tegn).", en: "Enter the unit's name (at most 120 characters)." }
    ErrProfessionName { nb: "Skriv navnet på et yrke organisasjonen ikke har ennå (høyst 80 tegn).", en: "Enter the name of a profession the organisation does not have yet (at most 80 characters)." }
    ErrPersonName { nb: "Skriv personens navn (høyst 200 tegn).", en: "Enter the person's name (at most 200 characters)." }
    ErrEmailTaken { nb: "Noen har allerede denne e-postadressen.", en: "Someone already has this e-mail address." }
    ErrNotYourself { nb: "Du kan ikke deaktivere deg selv eller fjerne din egen administratortilgang. Be en annen administrator.", en: "You cannot deactivate yourself or remove your own administrator access. Ask another administrator." }
    ErrGrantTaken { nb: "Personen har allerede denne tilgangen.", en: "The person already has this access." }
    ImportMalformed { nb: "Linjen har ikke de fire kolonnene, eller kan ikke leses.", en: "The line does not have the four columns, or cannot be read." }
    ImportInvalidName { nb: "Navnet mangler, er for langt eller har usynlige tegn.", en: "The name is missing, too long or has invisible characters." }
    ImportInvalidEmail { nb: "Ikke en e-postadresse.", en: "Not an e-mail address." }
    ImportEmailRepeated { nb: "En tidligere linje har samme e-postadresse.", en: "An earlier line has the same e-mail address." }
    ImportUnknownUnit { nb: "Ingen enhet i organisasjonen har denne koden.", en: "No unit of the organisation has this code." }
    ImportUnknownProfession { nb: "Organisasjonen har ikke dette yrket (kode eller navn).", en: "The organisation does not have this profession (code or name)." }
    InvitationTitle { nb: "Velg passord", en: "Choose a password" }
    InvitationInvalid { nb: "Lenken er brukt, utløpt eller ikke hel. Be administratoren din om en ny.", en: "The link is used, expired or incomplete. Ask your administrator for a new one." }
    InvitationSubmit { nb: "Lagre passordet og logg inn", en: "Save the password and sign in" }
    InviteTitle { nb: "Innlogging", en: "Signing in" }
    InviteIntro { nb: "Lag en lenke personen bruker for å velge passord: en ny person har ikke passord, og den som har glemt sitt, får velge et nytt. Lenken gjelder i 14 dager og kan brukes én gang; en ny lenke gjør den forrige ugyldig. Kursbro sender ikke e-post – gi lenken til personen selv.", en: "Make a link the person uses to choose a password: a new person has none, and someone who forgot theirs chooses a new one. The link works for 14 days and once; a new link makes the last one invalid. Kursbro sends no e-mail – give the link to the person yourself." }
    InviteCreate { nb: "Lag lenke for å velge passord", en: "Make a link to choose a password" }
    InviteLink { nb: "Lenken – kopier den og gi den til personen", en: "The link – copy it and give it to the person" }
    ErrInviteInactive { nb: "Personen er deaktivert. Aktiver hen først.", en: "The person is deactivated. Activate them first." }
    ImportWholeLine { nb: "Hele linjen", en: "The whole line" }
    ErrCsvTooLong { nb: "Filen er for stor: høyst 200 000 tegn om gangen. Del den opp og importer delene etter hverandre.", en: "The file is too large: at most 200,000 characters at a time. Split it and import the parts one after the other." }
    ColParentUnit { nb: "Ligger under", en: "Below" }
    ChangeUnitTitle { nb: "Endre en enhet", en: "Change a unit" }
    UnitChanged { nb: "Enheten er endret.", en: "The unit is changed." }
    RemoveUnit { nb: "Fjern enheten", en: "Remove the unit" }
    UnitRemoved { nb: "Enheten er fjernet.", en: "The unit is removed." }
    RemoveUnitHint { nb: "Bare en tom enhet kan fjernes: uten enheter under seg, personer, planer og ledere.", en: "Only an empty unit can be removed: no units below it, people, plans or leaders." }
    ErrUnitInUse { nb: "Enheten er i bruk. Flytt enhetene under den og personene i den, og fjern planene og lederrollene for den, først.", en: "The unit is in use. Move the units below it and the people in it, and remove the plans and leader roles for it, first." }
    RenameProfessionTitle { nb: "Gi et yrke nytt navn", en: "Rename a profession" }
    FieldNewProfessionName { nb: "Nytt navn", en: "New name" }
    ProfessionRenamed { nb: "Yrket har fått nytt navn. Koden i CSV-import er den samme.", en: "The profession is renamed. Its code for CSV imports stays the same." }
    ErrUnitPlace { nb: "Enheten kan ikke ligge under seg selv eller en enhet under den, og toppenheten ligger øverst.", en: "A unit cannot lie below itself or a unit below it, and the top unit stays on top." }
    ErrRequirementInvalid { nb: "sjekk tallene.", en: "check the numbers." }

    NavAccount { nb: "Min konto", en: "My account" }
    AccountTitle { nb: "Min konto", en: "My account" }
    AccountSignIn { nb: "Logg inn for å se kontoen din.", en: "Sign in to see your account." }
    AccountName { nb: "Navn", en: "Name" }
    AccountOrganisation { nb: "Organisasjon", en: "Organisation" }
    AccountRole { nb: "Rolle", en: "Role" }
    ChangePasswordTitle { nb: "Bytt passord", en: "Change password" }
    ChangePasswordIntro {
        nb: "Det nye passordet må ha minst 10 tegn. Flere ord etter hverandre er lett å huske og vanskelig å gjette. Når du bytter passord, blir du logget ut på alle andre enheter.",
        en: "The new password must have at least 10 characters. Several words in a row are easy to remember and hard to guess. Changing your password signs you out on every other device.",
    }
    CurrentPassword { nb: "Nåværende passord", en: "Current password" }
    NewPassword { nb: "Nytt passord", en: "New password" }
    ChangePasswordButton { nb: "Bytt passord", en: "Change password" }
    ChangingPassword { nb: "Bytter passord …", en: "Changing password …" }
    PasswordChanged { nb: "Passordet er byttet. Du er logget ut på alle andre enheter.", en: "Your password is changed. You are signed out on every other device." }
    ErrWrongPassword { nb: "Nåværende passord er feil. Passordet ble ikke byttet.", en: "The current password is wrong. The password was not changed." }
    ErrCurrentPasswordRequired { nb: "Skriv inn passordet du har nå.", en: "Enter the password you have now." }
    ErrNewPasswordShort { nb: "Det nye passordet må ha minst 10 tegn.", en: "The new password must have at least 10 characters." }
    ErrNewPasswordLong { nb: "Det nye passordet kan ha høyst 1024 tegn.", en: "The new password can have at most 1024 characters." }
    ErrNewPasswordUnchanged { nb: "Det nye passordet må være et annet enn det du har nå.", en: "The new password must differ from the one you have now." }
    ErrHiddenCharacters { nb: "Teksten inneholder usynlige kontrolltegn. Fjern dem og prøv igjen.", en: "The text contains invisible control characters. Remove them and try again." }
    SignOutEverywhereTitle { nb: "Logg ut overalt", en: "Sign out everywhere" }
    SignOutEverywhereText {
        nb: "Har du vært logget inn på en PC som andre bruker, eller mistet telefonen? Da kan du logge ut på alle enheter på en gang, også denne.",
        en: "Signed in on a computer others use, or lost your phone? You can sign out on every device at once, this one too.",
    }
    SignOutEverywhereButton { nb: "Logg ut på alle enheter", en: "Sign out on every device" }
    SigningOutEverywhere { nb: "Logger ut …", en: "Signing out …" }
    CohortNoticesTitle { nb: "Nytt for deg", en: "New for you" }
    NoticeSeen { nb: "Skjønner", en: "Got it" }

    NavCourseProgramme { nb: "Kursprogram", en: "Course programme" }
    NavNotices { nb: "Varsler", en: "Notices" }
    ActivityGathering { nb: "Samling", en: "Gathering" }
    ErrSignupClosed { nb: "Påmeldingen til samlingen er stengt.", en: "Sign-up to the gathering has closed." }
    ErrGatheringCancelled { nb: "Samlingen er avlyst.", en: "The gathering is cancelled." }
    ErrAlreadyAttended { nb: "Oppmøtet ditt er allerede registrert, så du kan ikke melde deg av. Kontakt den som holder samlingen.", en: "Your attendance is already recorded, so you cannot cancel. Contact whoever runs the gathering." }

    CourseProgrammeIntro { nb: "Kurs og samlinger hos kommunene og de andre tilbyderne i Kursbro. Alle tider er norsk tid.", en: "Courses and gatherings of the municipalities and the other providers in Kursbro. All times are Norwegian time." }
    PeriodNavigation { nb: "Andre halvår", en: "Other half-years" }
    PeriodNotFound { nb: "Fant ikke halvåret. Adressen skal slutte på for eksempel 2027-var eller 2027-host.", en: "No such half-year. The address should end in, for example, 2027-var or 2027-host." }
    CurrentPeriod { nb: "Til dette halvåret", en: "To this half-year" }
    FilterFrom { nb: "Fra dato", en: "From date" }
    FilterTo { nb: "Til dato", en: "To date" }
    FilterFormat { nb: "Form", en: "Format" }
    FormatInPerson { nb: "Fysisk oppmøte", en: "In person" }
    FormatVideo { nb: "Video", en: "Video" }
    FormatHybrid { nb: "Fysisk og video", en: "In person and video" }
    FilterFreeOnly { nb: "Bare med ledige plasser", en: "Only with free places" }
    ApplyFilters { nb: "Vis", en: "Show" }
    NoGatherings { nb: "Ingen kurs eller samlinger passer filteret.", en: "No courses or gatherings match the filter." }
    PrintProgramme { nb: "Skriv ut programmet", en: "Print the programme" }

    Cancelled { nb: "Avlyst", en: "Cancelled" }
    FullWaitlist { nb: "Fullt – venteliste", en: "Full – waiting list" }
    NoPlaceLimit { nb: "Ingen plassbegrensning", en: "No limit on places" }
    MandatoryBadge { nb: "Obligatorisk", en: "Mandatory" }
    YouHavePlace { nb: "Du har plass", en: "You have a place" }
    YouAreWaitlisted { nb: "Du står på venteliste", en: "You are on the waiting list" }

    GatheringNotFound { nb: "Samlingen finnes ikke", en: "Gathering not found" }
    GatheringNotFoundText { nb: "Den kan være fjernet, eller den er ikke for deg. Er du ikke logget inn, kan det hjelpe å logge inn.", en: "It may have been removed, or it is not for you. If you are not signed in, signing in may help." }
    BelongsModule { nb: "Del av modulen", en: "Part of the module" }
    BelongsProgramme { nb: "Del av studieprogrammet", en: "Part of the study programme" }
    BelongsCourse { nb: "Kurs hos", en: "A course of" }
    FactTime { nb: "Tid (norsk tid)", en: "Time (Norwegian time)" }
    FactPlace { nb: "Sted", en: "Place" }
    FactPlaces { nb: "Plasser", en: "Places" }
    FactDeadline { nb: "Påmeldingsfrist", en: "Sign-up deadline" }
    FactWaitlist { nb: "Venteliste", en: "Waiting list" }
    UntilStart { nb: "Til samlingen starter", en: "Until the gathering starts" }
    VideoLinkLater { nb: "Lenken til videomøtet vises her når du har fått plass.", en: "The link to the video meeting shows here once you have a place." }
    SignUpHeading { nb: "Påmelding", en: "Sign-up" }
    SignUp { nb: "Meld på", en: "Sign up" }
    SigningUp { nb: "Melder på …", en: "Signing up …" }
    GotPlace { nb: "Du har fått plass.", en: "You have got a place." }
    CancelSignUp { nb: "Meld av", en: "Cancel my place" }
    CancelSignUpText { nb: "Vil du melde deg av? Står noen på venteliste, får den første plassen din.", en: "Do you want to cancel? If someone is on the waiting list, the first of them gets your place." }
    CancelSignUpConfirm { nb: "Ja, meld meg av", en: "Yes, cancel my place" }
    SignedOff { nb: "Du er meldt av.", en: "Your place is cancelled." }
    SignupClosedText { nb: "Påmeldingen er stengt.", en: "Sign-up has closed." }
    NotOpenForYou { nb: "Du kan ikke melde deg på denne samlingen.", en: "You cannot sign up for this gathering." }
    SignInToSignUp { nb: "Logg inn for å melde deg på", en: "Sign in to sign up" }
    JoinVideo { nb: "Bli med (åpnes i ny fane)", en: "Join (opens in a new tab)" }
    JoinVideoShort { nb: "Bli med", en: "Join" }
    DownloadIcs { nb: "Last ned i kalender (.ics)", en: "Download to calendar (.ics)" }
    OtherSessions { nb: "Andre økter av samme samling", en: "Other sessions of the same gathering" }
    RunHeading { nb: "For deg som holder samlingen", en: "For you who run the gathering" }
    EditGathering { nb: "Endre", en: "Change" }
    CopyGathering { nb: "Kopier til ny dato", en: "Copy to a new date" }
    CancelGathering { nb: "Avlys", en: "Cancel the gathering" }
    CancelGatheringText { nb: "Alle påmeldte får beskjed om at samlingen er avlyst. Det kan ikke angres.", en: "Everyone signed up is told that the gathering is cancelled. This cannot be undone." }
    CancelGatheringConfirm { nb: "Ja, avlys samlingen", en: "Yes, cancel the gathering" }
    GatheringCancelledBanner { nb: "Avlyst – denne samlingen blir ikke noe av.", en: "Cancelled – this gathering will not take place." }
    ParticipantsHeading { nb: "Deltakere med plass", en: "Participants with a place" }
    WaitlistHeading { nb: "Venteliste", en: "Waiting list" }
    NoParticipants { nb: "Ingen har plass ennå.", en: "Nobody has a place yet." }
    NoWaitlist { nb: "Ingen står på venteliste.", en: "Nobody is on the waiting list." }
    AttendancePresent { nb: "Til stede", en: "Present" }
    AttendanceAbsent { nb: "Ikke møtt", en: "Absent" }
    AttendanceExcused { nb: "Gyldig fravær", en: "Excused" }
    AttendanceSaved { nb: "Oppmøtet er lagret.", en: "Attendance saved." }
    AttendanceHint { nb: "Registrer oppmøte for hver deltaker. Til stede og gyldig fravær teller som gjennomført når samlingen er obligatorisk.", en: "Record attendance for each participant. Present and excused count as done when the gathering is mandatory." }
    AddParticipantHeading { nb: "Legg til deltaker", en: "Add a participant" }
    AddParticipantButton { nb: "Legg til deltaker", en: "Add participant" }
    ErrEmailToAdd { nb: "Skriv e-postadressen til personen du vil legge til.", en: "Enter the e-mail address of the person to add." }

    NewGatheringTitle { nb: "Ny samling", en: "New gathering" }
    EditGatheringTitle { nb: "Endre samlingen", en: "Change the gathering" }
    CopyGatheringTitle { nb: "Kopier samlingen", en: "Copy the gathering" }
    GatheringFormIntro { nb: "Alle tider er norsk tid (Oslo), også når du er et annet sted.", en: "All times are Norwegian time (Oslo), wherever you are." }
    GatheringNoAccess { nb: "Bare veiledere og administratorer kan lage og endre samlinger.", en: "Only facilitators and administrators can create and change gatherings." }
    GatheringSignIn { nb: "Logg inn for å lage samlinger.", en: "Sign in to create gatherings." }
    FieldGatheringTitle { nb: "Tittel", en: "Title" }
    FieldGatheringDescription { nb: "Beskrivelse (du kan bruke Markdown)", en: "Description (you can use Markdown)" }
    FieldGatheringTheme { nb: "Tema (valgfritt)", en: "Theme (optional)" }
    FieldStarts { nb: "Starter (norsk tid)", en: "Starts (Norwegian time)" }
    FieldEnds { nb: "Slutter (norsk tid)", en: "Ends (Norwegian time)" }
    FieldAddress { nb: "Adresse", en: "Address" }
    FieldRoom { nb: "Rom (valgfritt)", en: "Room (optional)" }
    FieldMeetingUrl { nb: "Lenke til videomøte", en: "Link to the video meeting" }
    PlaceHint { nb: "Fyll ut adressen, lenken til videomøtet, eller begge.", en: "Fill in the address, the link to the video meeting, or both." }
    FieldCapacity { nb: "Antall plasser (valgfritt)", en: "Number of places (optional)" }
    CapacityHint { nb: "Tomt: ingen grense. Når plassene er tatt, kommer de neste på venteliste.", en: "Empty: no limit. When the places are taken, the next go on a waiting list." }
    FieldSignupDeadline { nb: "Påmeldingsfrist (norsk tid, valgfritt)", en: "Sign-up deadline (Norwegian time, optional)" }
    DeadlineHint { nb: "Tomt: påmeldingen er åpen til samlingen starter.", en: "Empty: sign-up is open until the gathering starts." }
    FieldMandatory { nb: "Obligatorisk: deltakerne må delta på én økt for å fullføre modulen", en: "Mandatory: learners must attend one session to complete the module" }
    FieldSessionOf { nb: "Ny økt av samme samling (å delta på én av øktene er nok)", en: "Another session of the same gathering (attending one of the sessions is enough)" }
    CopyNotice { nb: "Dette er en kopi. Velg ny dato og tid – resten er fylt ut fra originalen.", en: "This is a copy. Choose a new date and time – the rest is filled in from the original." }
    CreateGathering { nb: "Opprett samlingen", en: "Create the gathering" }
    SaveGathering { nb: "Lagre endringene", en: "Save the changes" }
    Saving { nb: "Lagrer …", en: "Saving …" }
    ErrGatheringTitle { nb: "Skriv en tittel på høyst 200 tegn.", en: "Write a title of at most 200 characters." }
    ErrGatheringDescription { nb: "Beskrivelsen kan ha høyst 20 000 tegn.", en: "The description can have at most 20,000 characters." }
    ErrGatheringTheme { nb: "Temaet kan ha høyst 100 tegn.", en: "The theme can have at most 100 characters." }
    ErrStartsRequired { nb: "Velg dato og klokkeslett for når samlingen starter.", en: "Choose the date and time the gathering starts." }
    ErrEndsRequired { nb: "Velg dato og klokkeslett for når samlingen slutter.", en: "Choose the date and time the gathering ends." }
    ErrTimeMalformed { nb: "Skriv tiden som dato og klokkeslett, for eksempel 16.03.2027 10:00.", en: "Enter the time as a date and a time of day, for example 2027-03-16 10:00." }
    ErrNoSuchTime { nb: "Det klokkeslettet finnes ikke i norsk tid: klokken hopper over den timen når sommertiden begynner.", en: "That time does not exist in Norwegian time: the clocks skip that hour when summer time begins." }
    ErrNotAfterStart { nb: "Samlingen må slutte etter at den starter.", en: "The gathering must end after it starts." }
    ErrAfterStart { nb: "Påmeldingsfristen kan ikke være etter at samlingen starter.", en: "The sign-up deadline cannot be after the gathering starts." }
    ErrLineBreak { nb: "Skriv dette på én linje.", en: "Write this on one line." }
    ErrNotAParticipant { nb: "Ingen som samlingen er for, har denne e-postadressen. Sjekk adressen, eller om personen hører til kullet eller organisasjonen samlingen er for.", en: "Nobody this gathering is for has this e-mail address. Check the address, or whether the person belongs to the cohort or organisation the gathering is for." }
    ErrPlaceOrVideo { nb: "Fyll ut en adresse, en lenke til videomøtet, eller begge.", en: "Fill in an address, a link to the video meeting, or both." }
    ErrPlaceTooLong { nb: "Adressen og rommet kan ha høyst 300 tegn.", en: "The address and the room can have at most 300 characters." }
    ErrVideoUrl { nb: "Lenken til videomøtet må være en hel adresse som begynner med https://.", en: "The link to the video meeting must be a full address starting with https://." }
    ErrCapacity { nb: "Antall plasser må være et helt tall fra 1 til 10000, eller tomt.", en: "The number of places must be a whole number from 1 to 10000, or empty." }
    ErrBelowConfirmed { nb: "Det kan ikke bli færre plasser enn det er personer som allerede har fått plass.", en: "There cannot be fewer places than people who already have one." }
    ErrModuleOrProgramme { nb: "En samling hører til en modul eller et studieprogram, ikke begge.", en: "A gathering belongs to a module or to a study programme, not both." }
    ErrMandatoryOwnModule { nb: "Bare samlinger i moduler som organisasjonen din tilbyr, kan være obligatoriske.", en: "Only gatherings of modules your organisation provides can be mandatory." }

    NoticesTitle { nb: "Varsler", en: "Notices" }
    NoNotices { nb: "Du har ingen varsler.", en: "You have no notices." }
    NewNotice { nb: "Ny", en: "New" }
    SignInToSeeNotices { nb: "Logg inn for å se varslene dine.", en: "Sign in to see your notices." }

    MyGatheringsTitle { nb: "Mine samlinger", en: "My gatherings" }
    NoMyGatherings { nb: "Du er ikke påmeldt noen samlinger.", en: "You have not signed up for any gatherings." }
    SeeCourseProgramme { nb: "Se kursprogrammet", en: "See the course programme" }
    CalendarTitle { nb: "Kalenderabonnement", en: "Calendar subscription" }
    CalendarIntro { nb: "Få samlingene du er påmeldt inn i kalenderen din (Outlook, Google Kalender, iPhone) med en hemmelig adresse som kalenderen henter fra.", en: "Get the gatherings you signed up for into your calendar (Outlook, Google Calendar, iPhone) with a secret address your calendar reads from." }
    CalendarInactive { nb: "Du har ingen kalenderadresse nå.", en: "You have no calendar address now." }
    CalendarCreate { nb: "Lag kalenderadresse", en: "Make a calendar address" }
    CalendarRenew { nb: "Lag ny adresse (den gamle slutter å virke)", en: "Make a new address (the old one stops working)" }
    CalendarOff { nb: "Slå av", en: "Turn off" }
    CalendarUrlLabel { nb: "Kalenderadressen din – kopier den nå", en: "Your calendar address – copy it now" }
    CalendarUrlHint { nb: "Adressen vises bare denne ene gangen. Den er hemmelig: alle som har den, kan se samlingene dine. Legg den inn som abonnement i kalenderen din. Mister du den, lager du en ny.", en: "The address is shown only this once. It is secret: anyone who has it can see your gatherings. Add it as a subscription in your calendar. If you lose it, make a new one." }
    CalendarTurnedOff { nb: "Kalenderadressen er slått av.", en: "The calendar address is turned off." }

    GatheringsHeading { nb: "Samlinger", en: "Gatherings" }
    NewGathering { nb: "Ny samling", en: "New gathering" }
    NoUpcomingGatherings { nb: "Ingen kommende samlinger.", en: "No upcoming gatherings." }
    MandatoryGatheringIntro { nb: "Obligatorisk samling: delta på én av øktene", en: "Mandatory gathering: attend one of the sessions" }
    GatheringStepHint { nb: "Steget blir fullført når den som holder samlingen registrerer at du var til stede. Du kan ikke merke det som fullført selv.", en: "This step is completed when whoever runs the gathering records that you were present. You cannot mark it as done yourself." }
    NoSessions { nb: "Ingen økter er lagt ut ennå.", en: "No sessions have been published yet." }
    Sessions { nb: "Økter", en: "Sessions" }
}

/// The current language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

const STORAGE_KEY: &str = "kursbro.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn set_document_lang(lang: Lang) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = el.set_attribute("lang", lang.code());
    }
}

impl I18n {
    /// Creates the context: the remembered language, else Norwegian bokmål. Keeps
    /// `<html lang>` and the stored choice in step with the signal.
    pub fn provide() -> I18n {
        let remembered = storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .and_then(|code| Lang::from_code(&code));
        let i18n = I18n {
            lang: RwSignal::new(remembered.unwrap_or(Lang::Nb)),
        };
        Effect::new(move |_| set_document_lang(i18n.lang.get()));
        provide_context(i18n);
        i18n
    }

    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// Changes the language and remembers the choice on this device.
    pub fn set_lang(self, lang: Lang) {
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, lang.code());
        }
        self.lang.set(lang);
    }

    /// The text of `key` in the current language (reactive when read in a view).
    pub fn t(self, key: Key) -> &'static str {
        key.text(self.lang.get())
    }
}

/// The i18n context. Panics if [`I18n::provide`] was not called above (a programming error).
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for use directly in `view!`.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

/// Formats a decimal number the Norwegian or English way (`7,5` / `7.5`), to one decimal
/// place, without one for a whole number.
pub fn number(lang: Lang, value: f32) -> String {
    one_decimal(lang, value, false)
}

/// `value` to one decimal place (`7,5` / `7.5`; a whole number as `8`, or `8,0` with
/// `keep_zero`), with integer formatting only: Rust's float formatting is some 15 kB of
/// code, which our own texts should not be the reason to download.
fn one_decimal(lang: Lang, value: f32, keep_zero: bool) -> String {
    // `as` saturates, and a NaN becomes 0.
    let tenths = (f64::from(value) * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    let point = match lang {
        Lang::Nb => ',',
        Lang::En => '.',
    };
    if tenth == 0 && !keep_zero {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}{point}{tenth}")
    }
}

pub fn hours(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "1 time".into(),
        (Lang::Nb, n) => format!("{n} timer"),
        (Lang::En, 1) => "1 hour".into(),
        (Lang::En, n) => format!("{n} hours"),
    }
}

pub fn minutes(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "1 minutt".into(),
        (Lang::Nb, n) => format!("{n} minutter"),
        (Lang::En, 1) => "1 minute".into(),
        (Lang::En, n) => format!("{n} minutes"),
    }
}

pub fn credits(lang: Lang, value: f32) -> String {
    let n = number(lang, value);
    match lang {
        Lang::Nb => format!("{n} studiepoeng"),
        Lang::En if value == 1.0 => format!("{n} credit"),
        Lang::En => format!("{n} credits"),
    }
}

pub fn months(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "1 måned".into(),
        (Lang::Nb, n) => format!("{n} måneder"),
        (Lang::En, 1) => "1 month".into(),
        (Lang::En, n) => format!("{n} months"),
    }
}

pub fn activity_count(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "1 aktivitet".into(),
        (Lang::Nb, n) => format!("{n} aktiviteter"),
        (Lang::En, 1) => "1 activity".into(),
        (Lang::En, n) => format!("{n} activities"),
    }
}

/// "Too many attempts" with the wait in seconds.
pub fn rate_limited(lang: Lang, seconds: Option<u64>) -> String {
    match (lang, seconds) {
        (Lang::Nb, Some(s)) => {
            format!("For mange mislykkede forsøk. Vent {s} sekunder og prøv igjen.")
        }
        (Lang::Nb, None) => "For mange mislykkede forsøk. Vent litt og prøv igjen.".into(),
        (Lang::En, Some(s)) => format!("Too many failed attempts. Wait {s} seconds and try again."),
        (Lang::En, None) => "Too many failed attempts. Wait a little and try again.".into(),
    }
}

/// "n waiting for a connection", for the header.
pub fn waiting(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Nb => format!("{n} venter på nett"),
        Lang::En => format!("{n} waiting to sync"),
    }
}

/// "n could not be saved", for the header.
pub fn refused(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Nb => format!("{n} ble ikke lagret"),
        Lang::En => format!("{n} not saved"),
    }
}

pub fn percent_done(lang: Lang, percent: u8) -> String {
    match lang {
        Lang::Nb => format!("{percent} % fullført"),
        Lang::En => format!("{percent}% done"),
    }
}

pub fn activities_done(lang: Lang, done: u32, total: u32) -> String {
    match lang {
        Lang::Nb => format!("{done} av {total} aktiviteter fullført"),
        Lang::En => format!("{done} of {total} activities done"),
    }
}

pub fn required_done(lang: Lang, done: u32, total: u32) -> String {
    match lang {
        Lang::Nb => format!("{done} av {total} obligatoriske moduler fullført"),
        Lang::En => format!("{done} of {total} required modules completed"),
    }
}

pub fn quiz_score(lang: Lang, score: u8, correct: u32, total: u32) -> String {
    match lang {
        Lang::Nb => format!("Du fikk {score} % ({correct} av {total} riktige)."),
        Lang::En => format!("You scored {score}% ({correct} of {total} right)."),
    }
}

pub fn best_score(lang: Lang, best: u8, attempts: u32) -> String {
    match lang {
        Lang::Nb => format!("Beste resultat: {best} % etter {attempts} forsøk."),
        Lang::En => format!("Best score: {best}% after {attempts} attempts."),
    }
}

pub fn pass_mark(lang: Lang, percent: u8) -> String {
    match lang {
        Lang::Nb => format!("Du må ha minst {percent} % riktige for å bestå."),
        Lang::En => format!("You need at least {percent}% right to pass."),
    }
}

/// Who may read the learner's reflection: the facilitators of their cohorts for this
/// module (named), and administrators.
pub fn reflection_readers(
    lang: Lang,
    readers: &[kursbro_shared::learning::CohortReaders],
) -> String {
    if readers.is_empty() {
        return match lang {
            Lang::Nb => "Bare du kan lese refleksjonen (og administratorer ved behov). Ingen veileder følger deg i denne modulen.".into(),
            Lang::En => "Only you can read your reflection (and administrators if need be). No facilitator follows you in this module.".into(),
        };
    }
    let cohorts: Vec<String> = readers
        .iter()
        .map(|r| format!("{} ({})", r.cohort, r.facilitators.join(", ")))
        .collect();
    match lang {
        Lang::Nb => format!(
            "Refleksjonen kan leses av deg, veilederne i {} og administratorer – det du skriver etter at du ble med i kullet.",
            cohorts.join("; ")
        ),
        Lang::En => format!(
            "Your reflection can be read by you, the facilitators of {} and administrators – what you write after joining the cohort.",
            cohorts.join("; ")
        ),
    }
}

pub fn characters_left(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Nb => format!("{n} tegn igjen"),
        Lang::En => format!("{n} characters left"),
    }
}

/// "Showing 1–50 of 230 modules" (or "Showing 7 of 7 modules" when all fit).
pub fn results(lang: Lang, first: u32, shown: usize, total: u32) -> String {
    let last = first.saturating_sub(1) + u32::try_from(shown).unwrap_or(u32::MAX);
    match (lang, first <= 1 && last >= total) {
        (Lang::Nb, true) => format!("Viser {shown} av {total} moduler"),
        (Lang::En, true) => format!("Showing {shown} of {total} modules"),
        (Lang::Nb, false) => format!("Viser {first}–{last} av {total} moduler"),
        (Lang::En, false) => format!("Showing {first}–{last} of {total} modules"),
    }
}

/// A date the local way: 24.11.2026 / 2026-11-24.
pub use kursbro_shared::texts::date;

/// A requirement's status in words (the same words as the dashboard's CSV).
pub use kursbro_shared::texts::requirement_status;

/// "31 of 40 are fully up to date; 4 …; 5 …": the dashboard's one-line summary.
pub fn compliance_summary(lang: Lang, t: kursbro_shared::compliance::Tally) -> String {
    let n = t.counted();
    match lang {
        Lang::Nb => format!(
            "{} av {n} er helt à jour; {} har krav som forfaller snart eller ikke er tatt ennå; {} har forfalte eller utløpte krav.",
            t.green, t.yellow, t.red
        ),
        Lang::En => format!(
            "{} of {n} are fully up to date; {} have something due soon or not yet done; {} have something overdue or expired.",
            t.green, t.yellow, t.red
        ),
    }
}

/// "67 % (4)": a share of a roll-up, with the count.
pub fn share(percent: u32, count: u32) -> String {
    format!("{percent} % ({count})")
}

/// How a completion came about: in Kursbro, or approved by a leader (with their note).
pub fn completion(lang: Lang, c: &kursbro_shared::compliance::CompletionRecord) -> String {
    use kursbro_shared::compliance::CompletionSource;
    let on = date(lang, c.completed_on);
    match (&c.source, lang) {
        (CompletionSource::Kursbro, Lang::Nb) => format!("Fullført i Kursbro {on}"),
        (CompletionSource::Kursbro, Lang::En) => format!("Completed in Kursbro on {on}"),
        (
            CompletionSource::External {
                approved_by,
                approved_on,
                note,
            },
            Lang::Nb,
        ) => format!(
            "Gjennomført {on}, godkjent av {approved_by} {}: {note}",
            date(lang, *approved_on)
        ),
        (
            CompletionSource::External {
                approved_by,
                approved_on,
                note,
            },
            Lang::En,
        ) => format!(
            "Completed on {on}, approved by {approved_by} on {}: {note}",
            date(lang, *approved_on)
        ),
    }
}

pub fn learners_count(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "1 deltaker".into(),
        (Lang::Nb, n) => format!("{n} deltakere"),
        (Lang::En, 1) => "1 learner".into(),
        (Lang::En, n) => format!("{n} learners"),
    }
}

pub fn completed_by(lang: Lang, done: u32, of: u32) -> String {
    match lang {
        Lang::Nb => format!("{done} av {of} fullført"),
        Lang::En => format!("{done} of {of} completed"),
    }
}

pub use kursbro_shared::texts::in_progress;

pub fn page_of(lang: Lang, page: usize, pages: usize) -> String {
    match lang {
        Lang::Nb => format!("Side {page} av {pages}"),
        Lang::En => format!("Page {page} of {pages}"),
    }
}

pub fn starts(lang: Lang, d: chrono::NaiveDate) -> String {
    match lang {
        Lang::Nb => format!("Oppstart {}", date(lang, d)),
        Lang::En => format!("Starts {}", date(lang, d)),
    }
}

pub fn replies(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "1 svar".into(),
        (Lang::Nb, n) => format!("{n} svar"),
        (Lang::En, 1) => "1 reply".into(),
        (Lang::En, n) => format!("{n} replies"),
    }
}

/// Telling a learner they were added to a cohort: whose, and who can now follow what.
pub fn cohort_notice(lang: Lang, n: &kursbro_shared::cohort_grid::CohortNotice) -> String {
    let since = date(lang, n.added_at.date_naive());
    let people = n.facilitators.join(", ");
    match lang {
        Lang::Nb => format!(
            "Du er lagt til i kullet «{}» hos {}. Veilederne ({people}) og administratorer kan nå se fremdriften din i modulene i «{}», og quizresultater og refleksjoner du leverer der fra {since}.",
            n.cohort, n.organisation, n.programme.title
        ),
        Lang::En => format!(
            "You have been added to the cohort “{}” at {}. Its facilitators ({people}) and administrators can now see your progress in the modules of “{}”, and the quiz results and reflections you submit there from {since}.",
            n.cohort, n.organisation, n.programme.title
        ),
    }
}

/// Month names, January first (for the fixed renewal day).
pub fn month_name(lang: Lang, month: u32) -> &'static str {
    const NB: [&str; 12] = [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Nb => NB[i],
        Lang::En => EN[i],
    }
}

/// When a requirement is due: "Innen 90 dager etter oppstart" / "Innen 01.03.2027".
pub fn due_rule(lang: Lang, due: kursbro_shared::compliance::DueRule) -> String {
    use kursbro_shared::compliance::DueRule;
    match (due, lang) {
        (DueRule::AfterJoining { days }, Lang::Nb) => {
            format!("Innen {days} dager etter oppstart i enheten")
        }
        (DueRule::AfterJoining { days }, Lang::En) => {
            format!("Within {days} days of joining the unit")
        }
        (DueRule::By { date: d }, Lang::Nb) => format!("Innen {}", date(lang, d)),
        (DueRule::By { date: d }, Lang::En) => format!("By {}", date(lang, d)),
    }
}

/// How a requirement is renewed, in one sentence ("Once is enough" when it is not).
pub fn renewal(lang: Lang, r: Option<&kursbro_shared::training::Recertification>) -> String {
    use kursbro_shared::training::RecertifyFrom;
    let Some(r) = r else {
        return match lang {
            Lang::Nb => "Én gang er nok".into(),
            Lang::En => "Once is enough".into(),
        };
    };
    let (m, w) = (r.period_months, r.window_days);
    match (r.from, lang) {
        (RecertifyFrom::CompletionDate, Lang::Nb) => format!(
            "Hver {m}. måned fra gjennomføringen; kan fornyes {w} dager før utløp"
        ),
        (RecertifyFrom::CompletionDate, Lang::En) => format!(
            "Every {m} months from completion; renewable {w} days before expiry"
        ),
        (RecertifyFrom::ExpiryDate, Lang::Nb) => format!(
            "Hver {m}. måned fra forrige utløp; kan fornyes {w} dager før utløp"
        ),
        (RecertifyFrom::ExpiryDate, Lang::En) => format!(
            "Every {m} months from the previous expiry; renewable {w} days before expiry"
        ),
        (
            RecertifyFrom::FixedDate {
                month,
                day,
                min_validity_months,
            },
            Lang::Nb,
        ) => format!(
            "Hver {m}. måned, utløper {day}. {}, minst {min_validity_months} måneder gyldig; kan fornyes {w} dager før utløp",
            month_name(lang, month)
        ),
        (
            RecertifyFrom::FixedDate {
                month,
                day,
                min_validity_months,
            },
            Lang::En,
        ) => format!(
            "Every {m} months, expiring on {} {day}, valid at least {min_validity_months} months; renewable {w} days before expiry",
            month_name(lang, month)
        ),
    }
}

/// "Gjelder 12 personer" / "Applies to 12 people".
pub fn applies_to(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "Gjelder 1 person".into(),
        (Lang::Nb, n) => format!("Gjelder {n} personer"),
        (Lang::En, 1) => "Applies to 1 person".into(),
        (Lang::En, n) => format!("Applies to {n} people"),
    }
}

/// What is wrong with a plan the editor is about to save: the plan's own field, or
/// "Krav 2 (Smittevern): …" for one of its requirements.
pub fn plan_error(
    lang: Lang,
    e: &kursbro_shared::plans::PlanError,
    course: Option<&str>,
) -> String {
    use kursbro_shared::validation::Problem;
    let f = e.error.field;
    let key = match (f, e.error.problem) {
        ("name", Problem::HiddenCharacters) => Key::ErrHiddenCharacters,
        ("name", _) => Key::ErrPlanName,
        ("requirements", Problem::Required) => Key::ErrPlanEmpty,
        ("requirements", _) => Key::ErrPlanTooMany,
        ("unit_id", _) => Key::ErrPlanUnit,
        ("profession_ids", _) => Key::ErrPlanProfessions,
        ("module", Problem::Duplicate) => Key::ErrModuleTwice,
        ("module", _) => Key::ErrModuleGone,
        ("programme", Problem::Duplicate) => Key::ErrProgrammeTwice,
        ("programme", _) => Key::ErrProgrammeGone,
        ("due_days", _) => Key::ErrDueDays,
        ("due_date", _) => Key::ErrDueDate,
        ("period_months", _) => Key::ErrPeriod,
        ("window_days", _) => Key::ErrWindow,
        ("fixed_month" | "fixed_day", _) => Key::ErrFixedDay,
        ("min_validity_months", _) => Key::ErrMinValidity,
        _ => Key::ErrRequirementInvalid,
    };
    let text = key.text(lang);
    match e.requirement {
        None => text.to_string(),
        Some(i) => {
            let n = i + 1;
            let which = match (lang, course) {
                (Lang::Nb, Some(c)) => format!("Krav {n} ({c})"),
                (Lang::En, Some(c)) => format!("Requirement {n} ({c})"),
                (Lang::Nb, None) => format!("Krav {n}"),
                (Lang::En, None) => format!("Requirement {n}"),
            };
            format!("{which}: {text}")
        }
    }
}

/// The words of an import's answer: imported, only checked, or refused (nothing imported).
pub fn import_result(lang: Lang, r: &kursbro_shared::api::ImportReport, dry_run: bool) -> String {
    let (n, bad) = (r.lines, r.refused.len());
    match (lang, bad > 0, dry_run) {
        (Lang::Nb, true, _) => format!("{bad} av {n} linjer må rettes. Ingenting er importert."),
        (Lang::En, true, _) => format!("{bad} of {n} lines need fixing. Nothing was imported."),
        (Lang::Nb, false, true) => {
            format!("Alle {n} linjene er i orden. Ingenting er importert ennå.")
        }
        (Lang::En, false, true) => format!("All {n} lines are fine. Nothing is imported yet."),
        (Lang::Nb, false, false) => format!(
            "{} personer er importert. De har ikke passord ennå.",
            r.imported
        ),
        (Lang::En, false, false) => {
            format!("{} people imported. They have no password yet.", r.imported)
        }
    }
}

/// "Leder for Hjemmetjenesten nord" / "Veileder …" / "Administrator …".
pub fn grant(lang: Lang, g: &kursbro_shared::admin::GrantView) -> String {
    use kursbro_shared::admin::GrantKind;
    match (g.kind, &g.unit, lang) {
        (GrantKind::Leader, Some(u), Lang::Nb) => format!("Leder for {}", u.name),
        (GrantKind::Leader, Some(u), Lang::En) => format!("Leader of {}", u.name),
        (GrantKind::Leader, None, _) => Key::GrantLeader.text(lang).to_string(),
        (GrantKind::Facilitator, _, _) => Key::GrantFacilitator.text(lang).to_string(),
        (GrantKind::Admin, _, _) => Key::GrantAdmin.text(lang).to_string(),
        (GrantKind::Author, _, _) => Key::GrantAuthor.text(lang).to_string(),
    }
}

/// "2 har svart; sammendraget vises når minst 5 har svart."
pub fn feedback_too_few(lang: Lang, answers: u32, min: u32) -> String {
    match lang {
        Lang::Nb => format!("{answers} har svart. Sammendraget vises når minst {min} har svart."),
        Lang::En => {
            format!("{answers} answered. The summary shows once at least {min} have answered.")
        }
    }
}

/// "7 har svart; sammendraget gjelder de 5 første."
pub fn feedback_answers(lang: Lang, answers: u32, summarised: u32) -> String {
    match (lang, answers == summarised) {
        (Lang::Nb, true) => format!("{answers} har svart."),
        (Lang::En, true) => format!("{answers} answered."),
        (Lang::Nb, false) => {
            format!("{answers} har svart; sammendraget gjelder de {summarised} første.")
        }
        (Lang::En, false) => {
            format!("{answers} answered; the summary covers the first {summarised}.")
        }
    }
}

/// "4,2 av 5" / "4.2 of 5".
pub fn feedback_average(lang: Lang, average: f32) -> String {
    let n = one_decimal(lang, average, true);
    match lang {
        Lang::Nb => format!("{n} av 5"),
        Lang::En => format!("{n} of 5"),
    }
}

/// "Bare for Nordvik kommune": news not shared with everyone.
pub fn news_only_for(lang: Lang, organisation: &str) -> String {
    match lang {
        Lang::Nb => format!("Bare for {organisation}"),
        Lang::En => format!("Only for {organisation}"),
    }
}

pub fn people_count(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "1 person".into(),
        (Lang::Nb, n) => format!("{n} personer"),
        (Lang::En, 1) => "1 person".into(),
        (Lang::En, n) => format!("{n} people"),
    }
}

/// Greeting someone who opened a link to choose a password.
pub fn invitation_greeting(lang: Lang, who: &kursbro_shared::admin::InvitationInfo) -> String {
    match lang {
        Lang::Nb => format!(
            "Velkommen, {}! Du logger inn i Kursbro med {} ({}).",
            who.name, who.email, who.organisation
        ),
        Lang::En => format!(
            "Welcome, {}! You sign in to Kursbro with {} ({}).",
            who.name, who.email, who.organisation
        ),
    }
}

/// "Gjelder til 11.12.2026" / "Works until 2026-12-11".
pub fn link_expires(lang: Lang, d: chrono::NaiveDate) -> String {
    match lang {
        Lang::Nb => format!("Lenken gjelder til {}.", date(lang, d)),
        Lang::En => format!("The link works until {}.", date(lang, d)),
    }
}

/// "Flytt «Les» opp" / "Move “Read” up".
pub fn move_up(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nb => format!("Flytt «{name}» opp"),
        Lang::En => format!("Move “{name}” up"),
    }
}

pub fn move_down(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nb => format!("Flytt «{name}» ned"),
        Lang::En => format!("Move “{name}” down"),
    }
}

pub fn remove_named(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nb => format!("Fjern «{name}»"),
        Lang::En => format!("Remove “{name}”"),
    }
}

pub fn question_number(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Nb => format!("Spørsmål {n}"),
        Lang::En => format!("Question {n}"),
    }
}

pub fn remove_question(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Nb => format!("Fjern spørsmål {n}"),
        Lang::En => format!("Remove question {n}"),
    }
}

pub fn option_number(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Nb => format!("Svar {n}"),
        Lang::En => format!("Option {n}"),
    }
}

pub fn remove_option(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Nb => format!("Fjern svar {n}"),
        Lang::En => format!("Remove option {n}"),
    }
}

pub fn saved_by(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nb => format!("Utkastet ble sist lagret av {name}"),
        Lang::En => format!("The draft was last saved by {name}"),
    }
}

/// A line of the change log: "opprettet", or "publiserte (1 ny, 2 endret, 0 fjernet)".
pub fn change_what(lang: Lang, created: bool, added: u32, changed: u32, removed: u32) -> String {
    match (lang, created) {
        (Lang::Nb, true) => "opprettet".into(),
        (Lang::En, true) => "created".into(),
        (Lang::Nb, false) => {
            format!("publiserte ({added} nye, {changed} endret, {removed} fjernet aktiviteter):")
        }
        (Lang::En, false) => {
            format!("published ({added} new, {changed} changed, {removed} removed activities):")
        }
    }
}

/// What publishing does to the learners who started.
pub fn impact_learners(
    lang: Lang,
    in_progress: u32,
    completed: u32,
    will_complete: u32,
    lose: u32,
) -> String {
    match lang {
        Lang::Nb => format!(
            "{in_progress} deltakere er i gang og {completed} har fullført. De som har fullført, beholder fullføringen. \
             {will_complete} i gang får modulen fullført fordi det de manglet fjernes. \
             {lose} har fullført aktiviteter som fjernes; de teller ikke lenger (refleksjonene deres tas vare på)."
        ),
        Lang::En => format!(
            "{in_progress} learners are in progress and {completed} have completed. Those who completed keep their completion. \
             {will_complete} in progress will have completed the module because what they lacked is removed. \
             {lose} have completed activities that are removed; those no longer count (their reflections are kept)."
        ),
    }
}

/// What is wrong with a module draft, in the user's language: where ("Aktivitet 2,
/// spørsmål 1: ") and what.
pub fn draft_error(lang: Lang, e: &kursbro_shared::authoring::DraftError) -> String {
    use kursbro_shared::validation::Problem;
    let mut at = String::new();
    if let Some(a) = e.activity {
        at = match lang {
            Lang::Nb => format!("Aktivitet {}", a + 1),
            Lang::En => format!("Activity {}", a + 1),
        };
        if let Some(q) = e.question {
            at.push_str(&match lang {
                Lang::Nb => format!(", spørsmål {}", q + 1),
                Lang::En => format!(", question {}", q + 1),
            });
            if let Some(o) = e.option {
                at.push_str(&match lang {
                    Lang::Nb => format!(", svar {}", o + 1),
                    Lang::En => format!(", option {}", o + 1),
                });
            }
        }
        at.push_str(": ");
    }
    let field = match (e.error.field, lang) {
        ("title", Lang::Nb) => "Tittelen",
        ("title", Lang::En) => "The title",
        ("summary", Lang::Nb) => "Den korte beskrivelsen",
        ("summary", Lang::En) => "The summary",
        ("description", Lang::Nb) => "Beskrivelsen",
        ("description", Lang::En) => "The description",
        ("theme", Lang::Nb) => "Temaet",
        ("theme", Lang::En) => "The theme",
        ("body", Lang::Nb) => "Teksten",
        ("body", Lang::En) => "The text",
        ("prompt", Lang::Nb) => "Spørsmålet",
        ("prompt", Lang::En) => "The question",
        ("text", Lang::Nb) => "Svaret",
        ("text", Lang::En) => "The option",
        ("url" | "video_url", Lang::Nb) => "Adressen",
        ("url" | "video_url", Lang::En) => "The address",
        ("estimated_hours", Lang::Nb) => "Antall timer",
        ("estimated_hours", Lang::En) => "The hours",
        ("estimated_minutes", Lang::Nb) => "Antall minutter",
        ("estimated_minutes", Lang::En) => "The minutes",
        ("credits", Lang::Nb) => "Studiepoengene",
        ("credits", Lang::En) => "The credits",
        ("validity_months", Lang::Nb) => "Gyldigheten",
        ("validity_months", Lang::En) => "The validity",
        ("pass_mark_percent", Lang::Nb) => "Grensen for bestått",
        ("pass_mark_percent", Lang::En) => "The pass mark",
        ("questions", Lang::Nb) => "Prøven",
        ("questions", Lang::En) => "The quiz",
        ("options", Lang::Nb) => "Spørsmålet",
        ("options", Lang::En) => "The question",
        ("shared_with", Lang::Nb) => "Delingen",
        ("shared_with", Lang::En) => "The sharing",
        ("activities", Lang::Nb) => "Modulen",
        ("activities", Lang::En) => "The module",
        (_, Lang::Nb) => "Feltet",
        (_, Lang::En) => "The field",
    };
    let what = match (e.error.problem, e.error.field, lang) {
        (Problem::Required, _, Lang::Nb) => "må fylles ut.".to_string(),
        (Problem::Required, _, Lang::En) => "must be filled in.".to_string(),
        (
            Problem::TooLong { max },
            "activities" | "questions" | "options" | "shared_with",
            Lang::Nb,
        ) => {
            format!("kan ha høyst {max}.")
        }
        (
            Problem::TooLong { max },
            "activities" | "questions" | "options" | "shared_with",
            Lang::En,
        ) => {
            format!("can have at most {max}.")
        }
        (Problem::TooLong { max }, _, Lang::Nb) => format!("kan ha høyst {max} tegn."),
        (Problem::TooLong { max }, _, Lang::En) => format!("can have at most {max} characters."),
        (Problem::OutOfRange { min, max }, _, Lang::Nb) => format!("må være fra {min} til {max}."),
        (Problem::OutOfRange { min, max }, _, Lang::En) => format!("must be from {min} to {max}."),
        (Problem::TooFew { min }, "activities", Lang::Nb) => {
            format!("må ha minst {min} aktivitet for å publiseres.")
        }
        (Problem::TooFew { min }, "activities", Lang::En) => {
            format!("needs at least {min} activity to be published.")
        }
        (Problem::TooFew { min }, "questions", Lang::Nb) => format!("må ha minst {min} spørsmål."),
        (Problem::TooFew { min }, "questions", Lang::En) => {
            format!("needs at least {min} question.")
        }
        (Problem::TooFew { min }, _, Lang::Nb) => format!("må ha minst {min} svaralternativer."),
        (Problem::TooFew { min }, _, Lang::En) => format!("needs at least {min} options."),
        (Problem::CorrectOptions, _, Lang::Nb) => {
            "må ha ett riktig svar (eller minst ett når flere kan være riktige).".to_string()
        }
        (Problem::CorrectOptions, _, Lang::En) => {
            "needs one correct option (or at least one when more can be right).".to_string()
        }
        (Problem::HiddenCharacters, _, _) => {
            return format!("{at}{}", Key::ErrHiddenCharacters.text(lang))
        }
        (Problem::Malformed, _, Lang::Nb) => "har ikke riktig form.".to_string(),
        (Problem::Malformed, _, Lang::En) => "is not in the right form.".to_string(),
        (_, _, Lang::Nb) => "er ikke gyldig.".to_string(),
        (_, _, Lang::En) => "is not valid.".to_string(),
    };
    format!("{at}{field} {what}")
}

/// "Legg til «Smittevern»" / "Add “Smittevern”".
pub fn add_named(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nb => format!("Legg til «{name}»"),
        Lang::En => format!("Add “{name}”"),
    }
}

/// A line of the change log for a programme.
pub fn programme_change_what(lang: Lang, what: kursbro_shared::authoring::ChangeKind) -> String {
    use kursbro_shared::authoring::ChangeKind;
    match (what, lang) {
        (ChangeKind::Created, Lang::Nb) => "opprettet studieprogrammet",
        (ChangeKind::Created, Lang::En) => "created the study programme",
        (ChangeKind::Published, Lang::Nb) => "lagret og publiserte studieprogrammet",
        (ChangeKind::Published, Lang::En) => "saved and published the study programme",
        (_, Lang::Nb) => "lagret studieprogrammet (ikke publisert)",
        (_, Lang::En) => "saved the study programme (not published)",
    }
    .to_string()
}

/// What is wrong with a programme about to be saved.
pub fn programme_error(lang: Lang, e: &kursbro_shared::validation::FieldError) -> String {
    use kursbro_shared::validation::Problem;
    match (e.field, e.problem, lang) {
        ("modules", Problem::TooFew { .. }, Lang::Nb) => {
            "Et publisert program må ha minst én modul som teller for å fullføre det.".into()
        }
        ("modules", Problem::TooFew { .. }, Lang::En) => {
            "A published programme needs at least one module that counts towards completing it."
                .into()
        }
        ("title", _, _) => Key::ErrTitleRequired.text(lang).into(),
        ("credits", _, Lang::Nb) => "Studiepoengene må være fra 0 til 300.".into(),
        ("credits", _, Lang::En) => "The credits must be from 0 to 300.".into(),
        (_, _, _) => Key::ErrInvalidInput.text(lang).into(),
    }
}

/// "Deltakerne må først fullføre «hlr»." (the module's address as saved).
pub fn prerequisite_is(lang: Lang, slug: &str) -> String {
    match lang {
        Lang::Nb => format!("Deltakerne må først fullføre modulen «{slug}»."),
        Lang::En => format!("Learners must first complete the module “{slug}”."),
    }
}

pub fn choose_prerequisite(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nb => format!("Velg «{name}» som forkunnskapskrav"),
        Lang::En => format!("Choose “{name}” as the prerequisite"),
    }
}

// ---- Gatherings: Oslo times, places, the course programme, notices ----

/// The half-year: "vår 2027" / "spring 2027".
pub fn period_name(lang: Lang, p: kursbro_shared::gatherings::Period) -> String {
    match (lang, p.spring) {
        (Lang::Nb, true) => format!("vår {}", p.year),
        (Lang::Nb, false) => format!("høst {}", p.year),
        (Lang::En, true) => format!("spring {}", p.year),
        (Lang::En, false) => format!("autumn {}", p.year),
    }
}

/// "Kursprogram vår 2027" / "Course programme spring 2027".
pub fn course_programme_title(lang: Lang, p: kursbro_shared::gatherings::Period) -> String {
    match lang {
        Lang::Nb => format!("Kursprogram {}", period_name(lang, p)),
        Lang::En => format!("Course programme {}", period_name(lang, p)),
    }
}

/// "Forrige: høst 2026" / "Previous: autumn 2026".
pub fn previous_period(lang: Lang, p: kursbro_shared::gatherings::Period) -> String {
    match lang {
        Lang::Nb => format!("Forrige: {}", period_name(lang, p)),
        Lang::En => format!("Previous: {}", period_name(lang, p)),
    }
}

pub fn next_period(lang: Lang, p: kursbro_shared::gatherings::Period) -> String {
    match lang {
        Lang::Nb => format!("Neste: {}", period_name(lang, p)),
        Lang::En => format!("Next: {}", period_name(lang, p)),
    }
}

/// "Mars 2027" / "March 2027".
pub fn month_heading(lang: Lang, year: i32, month: u32) -> String {
    let name = month_name(lang, month);
    let mut chars = name.chars();
    let capital = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect::<String>())
        .unwrap_or_default();
    format!("{capital} {year}")
}

fn weekday(lang: Lang, d: chrono::NaiveDate) -> &'static str {
    use chrono::Datelike;
    const NB: [&str; 7] = [
        "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let i = d.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::Nb => NB[i],
        Lang::En => EN[i],
    }
}

fn clock(t: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// An instant in Oslo time: "tirsdag 16.03.2027 kl. 10:00" / "Tuesday 2027-03-16 10:00".
pub fn oslo_time(lang: Lang, at: chrono::DateTime<chrono::Utc>) -> String {
    let t = kursbro_shared::gatherings::to_local(at);
    let d = t.date();
    match lang {
        Lang::Nb => format!("{} {} kl. {}", weekday(lang, d), date(lang, d), clock(t)),
        Lang::En => format!("{} {} {}", weekday(lang, d), date(lang, d), clock(t)),
    }
}

/// When a gathering is, in Oslo time: "tirsdag 16.03.2027 kl. 10:00–12:00" (both ends in
/// full when it spans days).
pub fn gathering_when(
    lang: Lang,
    starts: chrono::DateTime<chrono::Utc>,
    ends: chrono::DateTime<chrono::Utc>,
) -> String {
    let (s, e) = (
        kursbro_shared::gatherings::to_local(starts),
        kursbro_shared::gatherings::to_local(ends),
    );
    if s.date() == e.date() {
        format!("{}–{}", oslo_time(lang, starts), clock(e))
    } else {
        format!("{} – {}", oslo_time(lang, starts), oslo_time(lang, ends))
    }
}

/// "3 ledige plasser" / "3 free places".
pub fn free_places(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "1 ledig plass".into(),
        (Lang::Nb, n) => format!("{n} ledige plasser"),
        (Lang::En, 1) => "1 free place".into(),
        (Lang::En, n) => format!("{n} free places"),
    }
}

/// "12 av 20 plasser tatt" / "12 of 20 places taken".
pub fn places_taken(lang: Lang, confirmed: u32, capacity: Option<u32>) -> String {
    match (lang, capacity) {
        (Lang::Nb, Some(c)) => format!("{confirmed} av {c} plasser tatt"),
        (Lang::En, Some(c)) => format!("{confirmed} of {c} places taken"),
        (Lang::Nb, None) => format!("{confirmed} påmeldt, ingen plassbegrensning"),
        (Lang::En, None) => format!("{confirmed} signed up, no limit on places"),
    }
}

/// "2 på venteliste" / "2 on the waiting list".
pub fn on_waitlist(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Nb => format!("{n} på venteliste"),
        Lang::En => format!("{n} on the waiting list"),
    }
}

/// "Du står på venteliste som nummer 2." / "You are number 2 on the waiting list."
pub fn waitlist_position(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Nb => format!("Du står på venteliste som nummer {n}."),
        Lang::En => format!("You are number {n} on the waiting list."),
    }
}

/// Why "Bli med" is not active yet: when it opens.
pub fn join_opens(lang: Lang, starts: chrono::DateTime<chrono::Utc>) -> String {
    use kursbro_shared::gatherings::JOIN_OPENS_MINUTES;
    let at = oslo_time(lang, starts - chrono::Duration::minutes(JOIN_OPENS_MINUTES));
    match lang {
        Lang::Nb => format!("«Bli med» åpner {JOIN_OPENS_MINUTES} minutter før start: {at}."),
        Lang::En => format!("“Join” opens {JOIN_OPENS_MINUTES} minutes before the start: {at}."),
    }
}

/// "Bare for kullet Høst 2026" / "Only for the cohort Autumn 2026".
pub fn only_for_cohort(lang: Lang, cohort: &str) -> String {
    match lang {
        Lang::Nb => format!("bare for kullet «{cohort}»"),
        Lang::En => format!("only for the cohort “{cohort}”"),
    }
}

/// The radio group of one participant: "Oppmøte for Kari Nordmann".
pub fn attendance_of(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nb => format!("Oppmøte for {name}"),
        Lang::En => format!("Attendance of {name}"),
    }
}

/// "Fjern Kari Nordmann fra listen" / "Remove Kari Nordmann from the list".
pub fn remove_from_list(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Nb => format!("Fjern {name} fra listen"),
        Lang::En => format!("Remove {name} from the list"),
    }
}

/// What adding someone gave.
pub fn participant_added(
    lang: Lang,
    email: &str,
    r: kursbro_shared::gatherings::SignupResult,
) -> String {
    use kursbro_shared::gatherings::SignupStatus;
    match (lang, r.status, r.waitlist_position) {
        (Lang::Nb, SignupStatus::Waitlisted, Some(n)) => {
            format!("{email} er lagt til på ventelisten som nummer {n}.")
        }
        (Lang::En, SignupStatus::Waitlisted, Some(n)) => {
            format!("{email} is added to the waiting list as number {n}.")
        }
        (Lang::Nb, _, _) => format!("{email} er lagt til og har fått plass."),
        (Lang::En, _, _) => format!("{email} is added and has a place."),
    }
}

/// The original's time, shown on a copy: "Originalen: tirsdag 16.03.2027 kl. 10:00–12:00".
pub fn original_time(lang: Lang, when: &str) -> String {
    match lang {
        Lang::Nb => format!("Originalen var {when}."),
        Lang::En => format!("The original was {when}."),
    }
}

/// ", 2 uleste" / ", 2 unread" (after "Varsler" in the header link's name).
pub fn unread_suffix(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Nb => format!(", {n} uleste"),
        Lang::En => format!(", {n} unread"),
    }
}

/// What a notice tells, about a gathering.
pub fn notice_text(
    lang: Lang,
    kind: kursbro_shared::gatherings::NoticeKind,
    title: &str,
) -> String {
    use kursbro_shared::gatherings::NoticeKind;
    match (kind, lang) {
        (NoticeKind::GotPlace, Lang::Nb) => format!("Du har fått plass på «{title}»."),
        (NoticeKind::GotPlace, Lang::En) => format!("You have got a place at “{title}”."),
        (NoticeKind::Changed, Lang::Nb) => format!("«{title}» er endret."),
        (NoticeKind::Changed, Lang::En) => format!("“{title}” has changed."),
        (NoticeKind::Cancelled, Lang::Nb) => format!("«{title}» er avlyst."),
        (NoticeKind::Cancelled, Lang::En) => format!("“{title}” is cancelled."),
        (NoticeKind::Added, Lang::Nb) => format!("Du er meldt på «{title}»."),
        (NoticeKind::Added, Lang::En) => format!("You have been signed up for “{title}”."),
        (NoticeKind::Removed, Lang::Nb) => format!("Du er meldt av «{title}»."),
        (NoticeKind::Removed, Lang::En) => format!("You have been taken off “{title}”."),
        (NoticeKind::Unknown, Lang::Nb) => format!("Nytt om «{title}»."),
        (NoticeKind::Unknown, Lang::En) => format!("News about “{title}”."),
    }
}

/// "Aktiv siden 01.03.2027" / "Active since 2027-03-01".
pub fn calendar_active_since(lang: Lang, since: Option<chrono::DateTime<chrono::Utc>>) -> String {
    let day = since.map(|t| date(lang, kursbro_shared::gatherings::to_local(t).date()));
    match (lang, day) {
        (Lang::Nb, Some(d)) => format!("Du har en kalenderadresse, laget {d}."),
        (Lang::En, Some(d)) => format!("You have a calendar address, made on {d}."),
        (Lang::Nb, None) => "Du har en kalenderadresse.".into(),
        (Lang::En, None) => "You have a calendar address.".into(),
    }
}

/// "12 kurs og samlinger" / "12 courses and gatherings".
pub fn gatherings_found(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Nb, 1) => "1 kurs eller samling".into(),
        (Lang::Nb, n) => format!("{n} kurs og samlinger"),
        (Lang::En, 1) => "1 course or gathering".into(),
        (Lang::En, n) => format!("{n} courses and gatherings"),
    }
}
