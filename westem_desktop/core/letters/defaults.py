"""The shipped letters in each language, in the manual's words (the four phases, the first meeting
within two weeks, the mentoring agreement signed at that meeting, the evaluations, the certificate).
Written natively per language from the seeds and the glossary: editable content, not gettext texts.
A paragraph is one line, as a mail program wraps it."""

# ruff: noqa: E501

from __future__ import annotations

from westem_desktop.core.letters.templates import Kind

EN: dict[Kind, tuple[str, str]] = {
    Kind.INTRODUCTION: (
        "{programme}: meet your mentoring partner",
        """Dear {mentor} and {mentee},

Welcome to {programme}! I am happy to introduce you to each other as a mentoring pair.

{mentor} is the mentor ({mentor_email}), and {mentee} is the mentee ({mentee_email}).

Your mentoring cycle has four phases: preparation, negotiation, activation and closure. It starts with getting to know each other, so please meet for the first time by {first_meeting_by}, within two weeks. {mentee}, it is up to you to get in touch and propose a day; {mentor}, please help find a time that suits you both.

At that first meeting you talk about what you each expect, set your boundaries and think about your goals. You then fill in and sign your mentoring agreement together: it is attached, to bring along.

Plan at least one to two hours a month for your meetings. After each meeting, and at the end, I will ask you for a short evaluation: it helps us make the programme better.

If anything is unclear, or if you need help along the way, just reply to this e-mail.

Good luck, and enjoy your mentoring!

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.INVITATION: (
        "{programme}: an invitation",
        """Dear {first_name},

I would like to invite you, as a {role} in {programme}, to a meeting for everyone in the programme. We will talk about how the mentoring is going, share experiences and tips, and get to know each other better.

Date and time:
Place:

Please reply to this e-mail to let me know whether you can come.

I look forward to seeing you!

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.QUIET_REMINDER: (
        "{programme}: how is your mentoring going?",
        """Dear {mentor} and {mentee},

I have not heard about a meeting of yours for {weeks_quiet} weeks (the last one I know of: {last_contact}), so I would like to ask how things are going. Your pair is in the phase {phase}.

If you have met, please tell me when, so that I can note it. If it has been hard to find a time, perhaps you can agree on a date for your next meeting now, online or in person. Your mentoring agreement may help you pick up where you left off.

If something is not working, or if one of you wishes to end the mentoring, that is all right too: either of you may do so, without blame. Just let me know, and we will find a good way forward together.

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.EVALUATION_REMINDER: (
        "{programme}: your {form}",
        """Dear {first_name},

I have not yet received your {form} for the mentoring of {mentor} and {mentee}. It was due on {due}.

It takes only a few minutes, and your answers help both of you look back on what you have reached and help us make the programme better. Please send it to me as soon as you can.

If you have already sent it, thank you, and please ignore this reminder.

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.THANKS: (
        "{programme}: thank you!",
        """Dear {first_name},

The mentoring of {mentor} and {mentee} in {programme} has come to a close. I would like to thank you warmly for taking part as a {role}, and for the {hours} hours of mentoring you spent together.

Take a moment to look back on the whole cycle: which goals you reached, what you learnt, and what you will take with you. Your certificate of participation is attached.

Thank you for your time and your commitment. I hope to see you again, perhaps as a mentor yourself!

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
}

SV: dict[Kind, tuple[str, str]] = {
    Kind.INTRODUCTION: (
        "{programme}: välkomna som mentor och adept",
        """Hej {mentor} och {mentee}!

Välkomna till {programme}! Det är roligt att få presentera er för varandra som par.

{mentor} är mentor ({mentor_email}) och {mentee} är adept ({mentee_email}).

Mentorskapscykeln har fyra faser: förberedelse, förhandling, aktivering och avslut. Den börjar med att ni lär känna varandra, så träffas för första gången senast {first_meeting_by}, alltså inom två veckor. {mentee}, det är din uppgift att ta kontakt och föreslå en dag för ett första möte; {mentor}, hjälp gärna till att hitta en tid som passar er båda.

Vid det första mötet berättar ni om era förväntningar, sätter gränser och funderar på era mål. Sedan fyller ni i och skriver under mentorsavtalet tillsammans: det finns bifogat, ta med det till mötet.

Avsätt minst en till två timmar per månad för era möten. Efter varje möte och i slutet ber jag er om en kort utvärdering: den hjälper oss att göra mentorprogrammet bättre.

Om något är oklart, eller om ni behöver hjälp på vägen, svara bara på det här mejlet.

Lycka till, och mycket nöje med mentorskapet!

Vänliga hälsningar
{coordinator}
Samordnare, {programme}
{coordinator_email}
""",
    ),
    Kind.INVITATION: (
        "{programme}: inbjudan",
        """Hej {first_name}!

Jag vill bjuda in dig, som {role} i {programme}, till ett gemensamt möte för alla i mentorprogrammet. Vi pratar om hur mentorskapet går, delar erfarenheter och tips och lär känna varandra bättre.

Datum och tid:
Plats:

Svara gärna på det här mejlet och berätta om du kan komma.

Jag ser fram emot att träffa dig!

Vänliga hälsningar
{coordinator}
Samordnare, {programme}
{coordinator_email}
""",
    ),
    Kind.QUIET_REMINDER: (
        "{programme}: hur går det med mentorskapet?",
        """Hej {mentor} och {mentee}!

Jag har inte hört om något möte mellan er på {weeks_quiet} veckor (det senaste jag känner till: {last_contact}), så jag vill gärna höra hur det går. Ert par är i fasen {phase}.

Om ni har träffats, berätta gärna när, så att jag kan notera det. Om det har varit svårt att hitta en tid kanske ni kan bestämma datum för nästa möte redan nu, online eller på plats. Mentorsavtalet kan hjälpa er att ta vid där ni slutade.

Om något inte fungerar, eller om någon av er vill upplösa paret, är det också helt i sin ordning: var och en av er får göra det, utan att någon bär skulden. Hör bara av er, så hittar vi en bra väg framåt tillsammans.

Vänliga hälsningar
{coordinator}
Samordnare, {programme}
{coordinator_email}
""",
    ),
    Kind.EVALUATION_REMINDER: (
        "{programme}: påminnelse om din {form}",
        """Hej {first_name}!

Jag har ännu inte fått din {form} för mentorskapet mellan {mentor} och {mentee}. Den skulle ha kommit in senast {due}.

Det tar bara några minuter, och dina svar hjälper er båda att se tillbaka på vad ni har uppnått och oss att göra mentorprogrammet bättre. Skicka den gärna till mig så snart du kan.

Om du redan har skickat den: tack, och bortse från den här påminnelsen.

Vänliga hälsningar
{coordinator}
Samordnare, {programme}
{coordinator_email}
""",
    ),
    Kind.THANKS: (
        "{programme}: tack!",
        """Hej {first_name}!

Mentorskapet mellan {mentor} och {mentee} i {programme} är nu avslutat. Jag vill tacka dig varmt för att du deltog som {role}, och för de {hours} timmar mentorskap ni har haft tillsammans.

Ta en stund att se tillbaka på hela mentorskapscykeln: vilka mål ni har uppnått, vad du har lärt dig och vad du tar med dig. Ditt intyg om deltagande finns bifogat.

Tack för din tid och ditt engagemang. Jag hoppas att vi ses igen, kanske med dig som mentor!

Vänliga hälsningar
{coordinator}
Samordnare, {programme}
{coordinator_email}
""",
    ),
}

NB: dict[Kind, tuple[str, str]] = {
    Kind.INTRODUCTION: (
        "{programme}: velkommen som mentor og adept",
        """Hei {mentor} og {mentee}!

Velkommen til {programme}! Det er en glede å presentere dere for hverandre som par.

{mentor} er mentor ({mentor_email}), og {mentee} er adept ({mentee_email}).

Mentorsyklusen har fire faser: forberedelse, forhandling, aktivering og avslutning. Den begynner med at dere blir kjent med hverandre, så møt hverandre for første gang innen {first_meeting_by}, altså innen to uker. {mentee}, det er din oppgave å ta kontakt og foreslå en dag for et første møte; {mentor}, hjelp gjerne til med å finne et tidspunkt som passer for dere begge.

På det første møtet forteller dere om forventningene deres, setter grenser og tenker gjennom målene deres. Deretter fyller dere ut og signerer mentoravtalen sammen: den ligger vedlagt, ta den med til møtet.

Sett av minst én til to timer i måneden til møtene deres. Etter hvert møte og til slutt ber jeg dere om en kort evaluering: den hjelper oss å gjøre mentorprogrammet bedre.

Hvis noe er uklart, eller hvis dere trenger hjelp underveis, er det bare å svare på denne e-posten.

Lykke til, og god fornøyelse med mentorskapet!

Vennlig hilsen
{coordinator}
Koordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.INVITATION: (
        "{programme}: invitasjon",
        """Hei {first_name}!

Jeg vil gjerne invitere deg, som {role} i {programme}, til et felles møte for alle i mentorprogrammet. Vi snakker om hvordan mentorskapet går, deler erfaringer og tips og blir bedre kjent med hverandre.

Dato og tid:
Sted:

Svar gjerne på denne e-posten og gi beskjed om du kan komme.

Jeg gleder meg til å se deg!

Vennlig hilsen
{coordinator}
Koordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.QUIET_REMINDER: (
        "{programme}: hvordan går det med mentorskapet?",
        """Hei {mentor} og {mentee}!

Jeg har ikke hørt om noe møte mellom dere på {weeks_quiet} uker (det siste jeg kjenner til: {last_contact}), så jeg vil gjerne høre hvordan det går. Paret deres er i fasen {phase}.

Hvis dere har møttes, si gjerne fra om når, så jeg kan notere det. Hvis det har vært vanskelig å finne et tidspunkt, kan dere kanskje avtale datoen for neste møte allerede nå, digitalt eller fysisk. Mentoravtalen kan hjelpe dere å ta opp tråden der dere slapp.

Hvis noe ikke fungerer, eller hvis en av dere ønsker å oppløse paret, er det også helt i orden: hver av dere kan gjøre det, uten at noen har skylden. Bare gi meg beskjed, så finner vi en god vei videre sammen.

Vennlig hilsen
{coordinator}
Koordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.EVALUATION_REMINDER: (
        "{programme}: påminnelse om din {form}",
        """Hei {first_name}!

Jeg har ennå ikke fått din {form} for mentorskapet mellom {mentor} og {mentee}. Fristen var {due}.

Det tar bare noen minutter, og svarene dine hjelper dere begge å se tilbake på hva dere har oppnådd, og oss å gjøre mentorprogrammet bedre. Send den gjerne til meg så snart du kan.

Hvis du allerede har sendt den: takk, og se bort fra denne påminnelsen.

Vennlig hilsen
{coordinator}
Koordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.THANKS: (
        "{programme}: takk!",
        """Hei {first_name}!

Mentorskapet mellom {mentor} og {mentee} i {programme} er nå avsluttet. Jeg vil takke deg varmt for at du deltok som {role}, og for de {hours} timene med mentorskap dere har hatt sammen.

Ta deg tid til å se tilbake på hele mentorsyklusen: hvilke mål dere har nådd, hva du har lært, og hva du tar med deg videre. Deltakerbeviset ditt ligger vedlagt.

Takk for tiden og engasjementet ditt. Jeg håper vi ses igjen, kanskje med deg som mentor!

Vennlig hilsen
{coordinator}
Koordinator, {programme}
{coordinator_email}
""",
    ),
}

NL: dict[Kind, tuple[str, str]] = {
    Kind.INTRODUCTION: (
        "{programme}: welkom als mentor en mentee",
        """Beste {mentor} en {mentee},

Welkom bij {programme}! Ik stel jullie graag aan elkaar voor als koppel.

{mentor} is de mentor ({mentor_email}) en {mentee} is de mentee ({mentee_email}).

Jullie mentoringcyclus heeft vier fases: voorbereiding, onderhandeling, activering en afsluiting. Hij begint met elkaar leren kennen, dus spreek uiterlijk {first_meeting_by} voor het eerst af, binnen twee weken. {mentee}, het is aan jou om contact op te nemen en een dag voor te stellen; {mentor}, help je mee om een moment te vinden dat jullie allebei past?

Tijdens die eerste ontmoeting vertellen jullie wat je van elkaar verwacht, bespreken jullie je grenzen en denken jullie na over je doelen. Daarna vullen jullie samen de mentoringovereenkomst in en ondertekenen jullie die. De overeenkomst zit in de bijlage: neem haar mee naar de ontmoeting.

Reken op minstens één tot twee uur per maand voor jullie ontmoetingen. Na elke ontmoeting en aan het einde vraag ik jullie om een korte evaluatie: daarmee maken we het mentoringprogramma beter.

Is er iets onduidelijk, of hebben jullie onderweg hulp nodig? Beantwoord dan gewoon deze e-mail.

Veel succes en veel plezier met jullie mentoring!

Met vriendelijke groet,
{coordinator}
Coördinator, {programme}
{coordinator_email}
""",
    ),
    Kind.INVITATION: (
        "{programme}: uitnodiging",
        """Beste {first_name},

Graag nodig ik je als {role} in {programme} uit voor een gezamenlijke ontmoeting met iedereen in het mentoringprogramma. We praten over hoe de mentoring gaat, delen ervaringen en tips en leren elkaar beter kennen.

Datum en tijd:
Plaats:

Laat je me weten of je kunt komen? Beantwoord daarvoor gewoon deze e-mail.

Ik kijk ernaar uit je te zien!

Met vriendelijke groet,
{coordinator}
Coördinator, {programme}
{coordinator_email}
""",
    ),
    Kind.QUIET_REMINDER: (
        "{programme}: hoe gaat het met jullie mentoring?",
        """Beste {mentor} en {mentee},

Ik heb al {weeks_quiet} weken niets gehoord over een ontmoeting van jullie (de laatste die ik ken: {last_contact}), dus ik ben benieuwd hoe het gaat. Jullie koppel zit in de fase {phase}.

Hebben jullie elkaar wel gezien? Laat me dan weten wanneer, zodat ik het kan noteren. Was het lastig om een moment te vinden? Misschien kunnen jullie nu al een datum voor de volgende ontmoeting afspreken, online of fysiek. Jullie mentoringovereenkomst helpt om de draad weer op te pakken.

Werkt er iets niet, of wil een van jullie het koppel beëindigen? Ook dat is in orde: ieder van jullie mag dat doen, zonder dat iemand iets te verwijten valt. Laat het me gewoon weten, dan zoeken we samen een goede weg verder.

Met vriendelijke groet,
{coordinator}
Coördinator, {programme}
{coordinator_email}
""",
    ),
    Kind.EVALUATION_REMINDER: (
        "{programme}: herinnering aan je {form}",
        """Beste {first_name},

Ik heb je {form} voor de mentoring van {mentor} en {mentee} nog niet ontvangen. Die had uiterlijk {due} binnen moeten zijn.

Het kost maar een paar minuten. Met je antwoorden kijken jullie allebei terug op wat jullie bereikt hebben, en maken wij het mentoringprogramma beter. Wil je die zo snel mogelijk naar me sturen?

Heb je die al gestuurd? Dank je wel, dan kun je deze herinnering negeren.

Met vriendelijke groet,
{coordinator}
Coördinator, {programme}
{coordinator_email}
""",
    ),
    Kind.THANKS: (
        "{programme}: bedankt!",
        """Beste {first_name},

De mentoring van {mentor} en {mentee} in {programme} is afgesloten. Ik wil je hartelijk bedanken voor je deelname als {role}, en voor de {hours} uur mentoring die jullie samen hebben gehad.

Neem even de tijd om terug te kijken op de hele mentoringcyclus: welke doelen jullie bereikt hebben, wat je geleerd hebt en wat je meeneemt. Je certificaat van deelname zit in de bijlage.

Bedankt voor je tijd en je inzet. Ik hoop je nog eens terug te zien, misschien wel als mentor!

Met vriendelijke groet,
{coordinator}
Coördinator, {programme}
{coordinator_email}
""",
    ),
}

DEFAULTS: dict[str, dict[Kind, tuple[str, str]]] = {"en": EN, "sv": SV, "nb": NB, "nl": NL}
