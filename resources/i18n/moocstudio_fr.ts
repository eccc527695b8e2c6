<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>Build not recorded (built without git)</source>
        <translation>Build non enregistré (construit sans git)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>Running from a git checkout: commit %1 (%2)</source>
        <translation>Lancé depuis une copie git : commit %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>Build %1, made on %2</source>
        <translation>Build %1, fait le %2</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>About moocstudio</source>
        <translation>À propos de moocstudio</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>moocstudio icon</source>
        <translation>Icône de moocstudio</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>Assemble open-licensed MOOC modules from slides, video and markdown; export SCORM, IMS Common Cartridge, Open edX and offline sites that play well on a phone.</source>
        <translation>Assemblez des modules de MOOC sous licence libre à partir de diapositives, de vidéos et de Markdown ; exportez-les en SCORM, IMS Common Cartridge, Open edX et en sites hors ligne agréables à consulter sur téléphone.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>Free software under the MIT licence.</source>
        <translation>Logiciel libre sous licence MIT.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>Your courses stay in the folders you chose. Updating or removing moocstudio leaves them in place, and these too:
Settings: %1
Cache (safe to delete): %2</source>
        <translation>Vos cours restent dans les dossiers que vous avez choisis. Mettre à jour ou désinstaller moocstudio n'y touche pas, ni à ceux-ci :
Réglages : %1
Cache (peut être supprimé) : %2</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>&amp;Copy Details</source>
        <translation>&amp;Copier les détails</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/about.py" />
        <source>Copy the version, build and system details, for a bug report</source>
        <translation>Copier la version, le build et les détails du système, pour signaler un bogue</translation>
    </message>
</context>
<context>
    <name>BatchTranscodeDialog</name>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="76" />
        <source>Batch Transcode</source>
        <translation>Conversion vidéo par lots</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="87" />
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="104" />
        <source>Add &amp;Files…</source>
        <translation>Ajouter des &amp;fichiers…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="104" />
        <source>Add video files</source>
        <translation>Ajouter des fichiers vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="107" />
        <source>Add F&amp;older…</source>
        <translation>Ajouter un &amp;dossier…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="107" />
        <source>Add every video in a folder</source>
        <translation>Ajouter toutes les vidéos d'un dossier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="109" />
        <source>or drop videos and folders here</source>
        <translation>ou déposez ici des vidéos et des dossiers</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="119" />
        <source>Transcode queue</source>
        <translation>File de conversion</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="121" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="121" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="121" />
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="121" />
        <source>Time left</source>
        <translation>Restant</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="142" />
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="156" />
        <source>&amp;Profile:</source>
        <translation>&amp;Profil :</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="160" />
        <location filename="../../moocstudio/app/batch_dialog.py" line="311" />
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="161" />
        <source>Folder the MP4 renditions are written to</source>
        <translation>Dossier où les versions MP4 sont écrites</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="164" />
        <source>&amp;Browse…</source>
        <translation>Pa&amp;rcourir…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="164" />
        <source>Choose the output folder</source>
        <translation>Choisir le dossier de sortie</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="170" />
        <source>Op&amp;en</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="170" />
        <source>Open the output folder</source>
        <translation>Ouvrir le dossier de sortie</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="172" />
        <source>Show the output folder in the file manager</source>
        <translation>Afficher le dossier de sortie dans le gestionnaire de fichiers</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="174" />
        <source>O&amp;utput folder:</source>
        <translation>Dossier de &amp;sortie :</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="184" />
        <source>Overall progress</source>
        <translation>Progression globale</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="186" />
        <source>Overall:</source>
        <translation>Total :</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="195" />
        <source>Cancel &amp;All</source>
        <translation>&amp;Tout annuler</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="195" />
        <source>Cancel every running transcode</source>
        <translation>Annuler toutes les conversions en cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="198" />
        <source>&amp;Start</source>
        <translation>Dé&amp;marrer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="198" />
        <source>Start transcoding the queue</source>
        <translation>Lancer la conversion de la file</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="201" />
        <source>&amp;Close</source>
        <translation>F&amp;ermer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="201" />
        <source>Close this dialog</source>
        <translation>Fermer cette fenêtre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="214" />
        <source>Add videos</source>
        <translation>Ajouter des vidéos</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="216" />
        <source>Videos (%1);;All files (*)</source>
        <translation>Vidéos (%1);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="223" />
        <source>Add the videos of a folder</source>
        <translation>Ajouter les vidéos d'un dossier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="245" />
        <source>%1 is already in the queue</source>
        <translation>%1 est déjà dans la file</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="249" />
        <source>%1 left out: it is in the output folder</source>
        <translation>%1 ignoré : il se trouve dans le dossier de sortie</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="326" />
        <source>Add videos to the queue first.</source>
        <translation>Ajoutez d'abord des vidéos à la file.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="329" />
        <source>Choose the folder the renditions go to.</source>
        <translation>Choisissez le dossier où écrire les versions.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="345" />
        <source>Transcode %1</source>
        <translation>Conversion de %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="351" />
        <source>%1 is already being transcoded into this folder</source>
        <translation>%1 est déjà en cours de conversion vers ce dossier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="394" />
        <source>Files in the queue: %1</source>
        <translation>Fichiers dans la file : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="409" />
        <source>%1 of %2 done</source>
        <translation>%1 sur %2 terminés</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="413" />
        <source>%1 failed</source>
        <translation>%1 en échec</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="415" />
        <source>%1 cancelled</source>
        <translation>%1 annulés</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="441" />
        <source>Transcodes running</source>
        <translation>Conversions en cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="442" />
        <source>Transcodes still running: %1. Cancel them?</source>
        <translation>Conversions encore en cours : %1. Les annuler ?</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="444" />
        <source>Transcodes you keep go on in the background; the Jobs panel shows them.</source>
        <translation>Les conversions conservées se poursuivent en arrière-plan ; le panneau Tâches les affiche.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="446" />
        <source>Cancel Transcodes</source>
        <translation>Annuler les conversions</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="447" />
        <source>Keep Running</source>
        <translation>Les poursuivre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="448" />
        <source>Don't Close</source>
        <translation>Ne pas fermer</translation>
    </message>
</context>
<context>
    <name>CourseProperties</name>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="72" />
        <source>One per line: Name (Affiliation)</source>
        <translation>Un par ligne : Nom (Établissement)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="74" />
        <source>Comma-separated</source>
        <translation>Séparés par des virgules</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="81" />
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="82" />
        <source>S&amp;ubtitle</source>
        <translation>&amp;Sous-titre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="83" />
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="63" />
        <source>Processing</source>
        <translation>Traitement</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="65" />
        <source>Batch transcodes run on &amp;this computer</source>
        <translation>Les transcodages par lots se font sur &amp;cet ordinateur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="66" />
        <source>Batch transcodes run on a &amp;dask cluster</source>
        <translation>Les transcodages par lots se font sur un cluster &amp;dask</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="71" />
        <source>Scheduler address</source>
        <translation>Adresse du planificateur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="73" />
        <source>T&amp;est</source>
        <translation>T&amp;ester</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="74" />
        <source>Test the connection to the cluster</source>
        <translation>Tester la connexion au cluster</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="77" />
        <source>Cluster test result</source>
        <translation>Résultat du test du cluster</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="80" />
        <source>Workers must see the videos and the output folder at the same paths (shared storage).</source>
        <translation>Les workers doivent voir les vidéos et le dossier de sortie aux mêmes chemins (stockage partagé).</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="87" />
        <source>&amp;Scheduler:</source>
        <translation>&amp;Planificateur :</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="116" />
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="120" />
        <source>Cannot use this cluster: </source>
        <translation>Impossible d'utiliser ce cluster : </translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="84" />
        <source>&amp;Description</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="85" />
        <source>&amp;Authors</source>
        <translation>&amp;Auteurs</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="86" />
        <source>&amp;Keywords</source>
        <translation>&amp;Mots-clés</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="87" />
        <source>Li&amp;cence</source>
        <translation>Li&amp;cence</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="115" />
        <source>title</source>
        <translation>titre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="116" />
        <source>subtitle</source>
        <translation>sous-titre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="117" />
        <source>language</source>
        <translation>langue</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="118" />
        <source>description</source>
        <translation>description</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="119" />
        <source>authors</source>
        <translation>auteurs</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="120" />
        <source>keywords</source>
        <translation>mots-clés</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="121" />
        <source>licence</source>
        <translation>licence</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="143" />
        <source>Not changed: %1</source>
        <translation>Non modifié : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="146" />
        <source>Change course %1</source>
        <translation>la modification du cours (%1)</translation>
    </message>
</context>
<context>
    <name>CueEditor</name>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="65" />
        <source>Subtitle language</source>
        <translation>Langue des sous-titres</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="66" />
        <source>&amp;Language:</source>
        <translation>La&amp;ngue :</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="71" />
        <source>Subtitle cues</source>
        <translation>Répliques des sous-titres</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="79" />
        <source>&amp;Add Cue</source>
        <translation>&amp;Ajouter une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="81" />
        <source>&amp;Remove Cue</source>
        <translation>&amp;Supprimer la réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="83" />
        <source>&amp;Play from Cue</source>
        <translation>&amp;Lire depuis la réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="90" />
        <source>Subtitle status</source>
        <translation>État des sous-titres</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="91" />
        <source>Revie&amp;wed: every cue checked</source>
        <translation>&amp;Relus : chaque réplique vérifiée</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="92" />
        <source>Subtitles reviewed</source>
        <translation>Sous-titres relus</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="93" />
        <source>Saved subtitles are marked final when ticked, else draft.</source>
        <translation>Coché : les sous-titres enregistrés sont marqués comme définitifs ; sinon, comme brouillon.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="95" />
        <source>&amp;Save Cues</source>
        <translation>&amp;Enregistrer les répliques</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="98" />
        <source>Subtitle editor message</source>
        <translation>Message de l'éditeur de sous-titres</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="169" />
        <source>No subtitles yet: use Media ▸ Generate Subtitle Placeholders.</source>
        <translation>Pas encore de sous-titres : utilisez Médias ▸ Générer les ébauches de sous-titres.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="187" />
        <source>placeholders to replace</source>
        <translation>ébauches à remplacer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="188" />
        <source>draft, to check</source>
        <translation>brouillon, à vérifier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="189" />
        <source>final</source>
        <translation>définitifs</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="191" />
        <source>Status: %1</source>
        <translation>État : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="252" />
        <source>Edit subtitles</source>
        <translation>la modification des sous-titres</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" line="255" />
        <source>Saved.</source>
        <translation>Enregistré.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" />
        <source>Play the video from the selected cue's start</source>
        <translation>Lire la vidéo depuis le début de la réplique choisie</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" />
        <source>Set &amp;Start at Playhead</source>
        <translation>Placer le &amp;début à la tête de lecture</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" />
        <source>Set &amp;End at Playhead</source>
        <translation>Placer la &amp;fin à la tête de lecture</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" />
        <source>Nudge Ea&amp;rlier (−100 ms)</source>
        <translation>Décaler plus &amp;tôt (−100 ms)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" />
        <source>Nudge &amp;Later (+100 ms)</source>
        <translation>Décaler plus t&amp;ard (+100 ms)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" />
        <source>Spl&amp;it at Playhead</source>
        <translation>&amp;Couper à la tête de lecture</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" />
        <source>&amp;Merge with Next</source>
        <translation>Fusio&amp;nner avec la suivante</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" />
        <source>Timing</source>
        <translation>Minutage</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_editor.py" />
        <source>&amp;Timing</source>
        <translation>&amp;Minutage</translation>
    </message>
</context>
<context>
    <name>CueTableModel</name>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="136" />
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="136" />
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="136" />
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="202" />
        <source>There is no time left after this cue for a new one.</source>
        <translation>Il ne reste pas de temps après cette réplique pour en ajouter une autre.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="223" />
        <source>Cue %1 has no text; write it or remove the cue.</source>
        <translation>La réplique %1 n'a pas de texte ; saisissez-le ou supprimez la réplique.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Edit cue text</source>
        <translation>la modification du texte d'une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Edit cue start</source>
        <translation>la modification du début d'une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Edit cue end</source>
        <translation>la modification de la fin d'une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Set cue start</source>
        <translation>le placement du début d'une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Set cue end</source>
        <translation>le placement de la fin d'une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Nudge cue</source>
        <translation>le décalage d'une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>The playhead (%1) is not inside cue %2; move it there to split the cue.</source>
        <translation>La tête de lecture (%1) n'est pas dans la réplique %2 ; placez-la dedans pour couper la réplique.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Split cue</source>
        <translation>la coupure d'une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Cue %1 is the last one: there is no next cue to merge it with.</source>
        <translation>La réplique %1 est la dernière : il n'y a pas de réplique suivante avec laquelle la fusionner.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Merge cues</source>
        <translation>la fusion de deux répliques</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Add cue</source>
        <translation>l'ajout d'une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Remove cue</source>
        <translation>la suppression d'une réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Move cue</source>
        <translation>le déplacement d'une réplique</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>%n question(s)</source>
        <translation><numerusform>%n question</numerusform><numerusform>%n questions</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n point(s)</source>
        <translation><numerusform>%n point</numerusform><numerusform>%n points</numerusform></translation>
    </message>
    <message>
        <source>%1 points</source>
        <translation>%1 points</translation>
    </message>
    <message>
        <source>quiz “%1”: %2, %3</source>
        <translation>quiz « %1 » : %2, %3</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="105" />
        <source>Export “%1”</source>
        <translation>Exporter « %1 »</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="107" />
        <source>Formats</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="117" />
        <source>The whole course as one SCO (progress kept)</source>
        <translation>Tout le cours en un seul SCO (progression conservée)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="118" />
        <source>One SCO per item (LMS tracks each item)</source>
        <translation>Un SCO par élément (le LMS suit chaque élément)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="119" />
        <location filename="../../moocstudio/app/export_dialog.py" line="129" />
        <source>SCORM structure</source>
        <translation>Structure SCORM</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="122" />
        <source>Destination folder</source>
        <translation>Dossier de destination</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="123" />
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="130" />
        <source>Destination</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="132" />
        <source>Export progress</source>
        <translation>Progression de l'export</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="136" />
        <source>Export report</source>
        <translation>Rapport d'export</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="140" />
        <source>Each package is checked once written: its manifest against the official schemas, its files, launch page and licence.</source>
        <translation>Chaque paquet est vérifié une fois écrit : manifeste (schémas officiels), fichiers, page de lancement, licence.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="146" />
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="149" />
        <source>&amp;Open Folder</source>
        <translation>&amp;Ouvrir le dossier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="175" />
        <source>Export to</source>
        <translation>Exporter vers</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="190" />
        <source>Exporting…</source>
        <translation>Export en cours…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="192" />
        <source>Export %1</source>
        <translation>Export de %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="197" />
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="204" />
        <source>Writing %1…</source>
        <translation>Écriture de %1…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="208" />
        <source>The export failed.</source>
        <translation>L'export a échoué.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="215" />
        <source>%1 of %2 packages are valid.</source>
        <translation>%1 paquets valides sur %2.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="236" />
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="238" />
        <source>NOT valid</source>
        <translation>NON valide</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/export_dialog.py" line="246" />
        <source>%1 files · %2 MB</source>
        <translation>%1 fichiers · %2 Mo</translation>
    </message>
</context>
<context>
    <name>ItemProperties</name>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="169" />
        <source>Changes made, or any other credit</source>
        <translation>Modifications apportées, ou autre mention</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="173" />
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="174" />
        <source>Li&amp;cence</source>
        <translation>Li&amp;cence</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="175" />
        <source>Attribution (reused material)</source>
        <translation>Attribution (crédit d'un contenu réutilisé)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="177" />
        <location filename="../../moocstudio/app/properties.py" line="186" />
        <source>Work title</source>
        <translation>Titre de l'œuvre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="178" />
        <location filename="../../moocstudio/app/properties.py" line="187" />
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="179" />
        <location filename="../../moocstudio/app/properties.py" line="188" />
        <source>Source URL</source>
        <translation>URL de la source</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="180" />
        <location filename="../../moocstudio/app/properties.py" line="189" />
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="183" />
        <source>Item title</source>
        <translation>Titre de l'élément</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="184" />
        <source>Item licence</source>
        <translation>Licence de l'élément</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="225" />
        <source>Rename</source>
        <translation>le renommage</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="230" />
        <source>Change licence</source>
        <translation>le changement de licence</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="242" />
        <source>Not changed: %1</source>
        <translation>Non modifié : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/properties.py" line="246" />
        <source>Change attribution</source>
        <translation>la modification de l'attribution</translation>
    </message>
</context>
<context>
    <name>JobsDock</name>
    <message>
        <location filename="../../moocstudio/app/jobs_dock.py" line="36" />
        <location filename="../../moocstudio/app/jobs_dock.py" line="64" />
        <source>Jobs</source>
        <translation>Tâches</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/jobs_dock.py" line="44" />
        <location filename="../../moocstudio/app/jobs_dock.py" line="110" />
        <source>Select a job to see its details.</source>
        <translation>Sélectionnez une tâche pour voir ses détails.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/jobs_dock.py" line="47" />
        <source>Job details</source>
        <translation>Détails de la tâche</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/jobs_dock.py" line="51" />
        <source>C&amp;lear Finished</source>
        <translation>&amp;Effacer les terminées</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/jobs_dock.py" line="52" />
        <source>Clear finished jobs from the list</source>
        <translation>Retirer de la liste les tâches terminées</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/jobs_dock.py" line="66" />
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/jobs_dock.py" line="66" />
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/jobs_dock.py" line="66" />
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/jobs_dock.py" line="66" />
        <source>State</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>LicencePicker</name>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="66" />
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="73" />
        <source>Same as the course</source>
        <translation>Celle du cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="104" />
        <source>Uses the course licence.</source>
        <translation>Utilise la licence du cours.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="108" />
        <source>Legal code</source>
        <translation>Texte juridique</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../moocstudio/app/window.py" line="1" />
        <source>Open the Sa&amp;mple Course…</source>
        <translation>Ouvrir le cours d'e&amp;xemple…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="1" />
        <source>Copy the bilingual sample course into a folder you choose and open it</source>
        <translation>Copier le cours d'exemple bilingue dans un dossier de votre choix et l'ouvrir</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="1" />
        <source>Choose a folder for the sample course</source>
        <translation>Choisir un dossier pour le cours d'exemple</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="1" />
        <source>Copy the sample course</source>
        <translation>Copier le cours d'exemple</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="1" />
        <source>Cannot copy the sample course</source>
        <translation>Impossible de copier le cours d'exemple</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="1" />
        <source>Copying the sample course into %1…</source>
        <translation>Copie du cours d'exemple dans %1…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="68" />
        <source>Open a course (File ▸ Open) or create one (File ▸ New).</source>
        <translation>Ouvrez un cours (Fichier ▸ Ouvrir un cours) ou créez-en un (Fichier ▸ Nouveau cours).</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="74" />
        <source>Outline</source>
        <translation>Plan du cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="77" />
        <source>Properties</source>
        <translation>Propriétés</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="86" />
        <source>Ready</source>
        <translation>Prêt</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="114" />
        <source>&amp;New Course…</source>
        <translation>&amp;Nouveau cours…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="115" />
        <source>&amp;Open Course…</source>
        <translation>&amp;Ouvrir un cours…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="116" />
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="118" />
        <source>&amp;Import Files…</source>
        <translation>&amp;Importer des fichiers…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="119" />
        <source>Add slides (.pptx, .odp, PDF), markdown pages or videos to the course</source>
        <translation>Ajouter au cours des diaporamas (.pptx, .odp, PDF), des pages Markdown ou des vidéos</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="121" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="122" />
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="123" />
        <source>&amp;Rename</source>
        <translation>&amp;Renommer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="124" />
        <source>Add &amp;Module</source>
        <translation>Ajouter un &amp;module</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="126" />
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="129" />
        <source>Generate &amp;Renditions</source>
        <translation>Générer les &amp;versions vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="130" />
        <source>Make the 360p/540p/720p MP4 ladder and posters for every video</source>
        <translation>Produire les versions MP4 360p/540p/720p et l'image de couverture de chaque vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="133" />
        <source>Generate &amp;Subtitle Placeholders</source>
        <translation>Générer les ébauches de &amp;sous-titres</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="134" />
        <source>Make WebVTT/SRT cues timed on the speech, to be written or corrected</source>
        <translation>Créer des répliques WebVTT/SRT calées sur la parole, à rédiger ou à corriger</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="137" />
        <source>&amp;Batch Transcode…</source>
        <translation>&amp;Conversion vidéo par lots…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="138" />
        <source>Convert any video files for the web: the MP4 ladder, with a queue</source>
        <translation>Convertir des fichiers vidéo pour le web : versions MP4, avec une file d'attente</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="140" />
        <source>&amp;About moocstudio</source>
        <translation>À &amp;propos de moocstudio</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="141" />
        <source>User &amp;Guide</source>
        <translation>&amp;Guide de l'utilisateur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="149" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="151" />
        <source>Open &amp;Recent</source>
        <translation>Ouvrir un cours &amp;récent</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="156" />
        <source>&amp;Export</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="164" />
        <source>&amp;All Formats…</source>
        <translation>&amp;Tous les formats…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="169" />
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="174" />
        <source>&amp;Media</source>
        <translation>&amp;Médias</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="178" />
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="181" />
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="197" />
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="199" />
        <source>&amp;Redo</source>
        <translation>Ré&amp;tablir</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="238" />
        <source>Select an item in the outline to edit it.</source>
        <translation>Sélectionnez un élément dans le plan pour le modifier.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="265" />
        <source>Module 1</source>
        <translation>Module 1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="278" />
        <source>Cannot create the course</source>
        <translation>Impossible de créer le cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="284" />
        <source>Open a course folder</source>
        <translation>Ouvrir le dossier d'un cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="295" />
        <source>Cannot open the course</source>
        <translation>Impossible d'ouvrir le cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="311" />
        <source>Restore autosave</source>
        <translation>la restauration de la sauvegarde automatique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="319" />
        <source>Restore unsaved changes?</source>
        <translation>Restaurer les modifications non enregistrées ?</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="321" />
        <source>moocstudio did not close normally while “%1” had unsaved changes. Restore the changes autosaved then? (They stay unsaved until you save.)</source>
        <translation>moocstudio ne s'est pas fermé normalement alors que « %1 » avait des modifications non enregistrées. Restaurer les modifications sauvegardées automatiquement ? (Elles restent non enregistrées tant que vous n'enregistrez pas.)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="335" />
        <source>No recent courses</source>
        <translation>Aucun cours récent</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="352" />
        <source>The course was not saved</source>
        <translation>Le cours n'a pas été enregistré</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="354" />
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="372" />
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="373" />
        <source>Save the changes to “%1” before closing?</source>
        <translation>Enregistrer les modifications de « %1 » avant de fermer ?</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="409" />
        <source>Import files</source>
        <translation>Importer des fichiers</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="411" />
        <source>Slides</source>
        <translation>Diaporamas</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="411" />
        <source>Markdown pages</source>
        <translation>Pages markdown</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="411" />
        <source>GIFT quizzes</source>
        <translation>Quiz GIFT</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="411" />
        <source>Video and audio</source>
        <translation>Vidéo et audio</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="411" />
        <source>Course material</source>
        <translation>Contenus de cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="411" />
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="433" />
        <source>Import</source>
        <translation>l'importation</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="438" />
        <source>Import %1</source>
        <translation>Importation de %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="441" />
        <source>Import failed</source>
        <translation>Échec de l'importation</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="470" />
        <source>Module %1</source>
        <translation>Module %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="485" />
        <source>No videos in this course.</source>
        <translation>Aucune vidéo dans ce cours.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="487" />
        <source>subtitles</source>
        <translation>sous-titres</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="487" />
        <source>renditions</source>
        <translation>versions vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="492" />
        <source>Generate media</source>
        <translation>la génération des médias</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="495" />
        <source>%1 is already being worked on.</source>
        <translation>%1 est déjà en cours de traitement.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="530" />
        <source>About moocstudio</source>
        <translation>À propos de moocstudio</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="146" />
        <source>&amp;Preview</source>
        <translation>A&amp;perçu</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="147" />
        <source>Show the selected item as learners get it, on a phone, tablet or desktop</source>
        <translation>Montrer l'élément sélectionné tel que les apprenants le reçoivent, sur téléphone, tablette ou ordinateur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="151" />
        <source>Re&amp;fresh Preview</source>
        <translation>A&amp;ctualiser l'aperçu</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="152" />
        <source>Build the whole preview again</source>
        <translation>Reconstruire tout l'aperçu</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="149" />
        <source>&amp;Quiz</source>
        <translation>&amp;Quiz vide</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="150" />
        <source>Add an empty quiz to the selected module and edit it</source>
        <translation>Ajouter un quiz vide au module sélectionné et le modifier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="153" />
        <source>Quiz from a &amp;GIFT File…</source>
        <translation>Quiz depuis un fichier &amp;GIFT…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="154" />
        <source>Import the questions of a GIFT file (Moodle's text format) as a quiz</source>
        <translation>Importer les questions d'un fichier GIFT (le format texte de Moodle) comme un quiz</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="157" />
        <source>Course &amp;Grading…</source>
        <translation>&amp;Notation du cours…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="158" />
        <source>Which quizzes make the course grade, their weights, the pass mark</source>
        <translation>Les quiz qui font la note du cours, leurs poids, la note de réussite</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="218" />
        <source>&amp;Add</source>
        <translation>A&amp;jouter</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="579" />
        <source>Quiz</source>
        <translation>Quiz</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="581" />
        <source>Add quiz</source>
        <translation>l'ajout d'un quiz</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="588" />
        <source>Import GIFT quiz files</source>
        <translation>Importer des fichiers de quiz GIFT</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/window.py" line="590" />
        <source>GIFT quiz files (*.gift *.txt);;All files (*)</source>
        <translation>Fichiers de quiz GIFT (*.gift *.txt);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>NewCourseDialog</name>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="31" />
        <source>New Course</source>
        <translation>Nouveau cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="33" />
        <source>Course title</source>
        <translation>Titre du cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="35" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="39" />
        <source>Create in folder</source>
        <translation>Créer dans le dossier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="40" />
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="53" />
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="54" />
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="55" />
        <source>Li&amp;cence</source>
        <translation>Li&amp;cence</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="56" />
        <source>Create &amp;in</source>
        <translation>Créer &amp;dans</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="66" />
        <source>Create the course in</source>
        <translation>Créer le cours dans</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="89" />
        <source>title</source>
        <translation>titre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="89" />
        <source>language (e.g. fr, en)</source>
        <translation>langue (par exemple fr, en)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="90" />
        <source>Check the %1.</source>
        <translation>Vérifiez le champ %1.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="92" />
        <source>The folder to create the course in does not exist.</source>
        <translation>Le dossier où créer le cours n'existe pas.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/new_course.py" line="94" />
        <source>%1 already exists; choose another title or folder.</source>
        <translation>%1 existe déjà ; choisissez un autre titre ou un autre dossier.</translation>
    </message>
</context>
<context>
    <name>OutlineModel</name>
    <message numerus="yes">
        <location filename="../../moocstudio/app/outline.py" line="46" />
        <source>%n slide(s)</source>
        <translation><numerusform>%n diapositive</numerusform><numerusform>%n diapositives</numerusform></translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/outline.py" line="59" />
        <source>no renditions</source>
        <translation>aucune version</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/outline.py" line="83" />
        <source>Outline</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/outline.py" line="83" />
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message numerus="yes">
        <location filename="../../moocstudio/app/outline.py" line="87" />
        <source>%n item(s)</source>
        <translation><numerusform>%n élément</numerusform><numerusform>%n éléments</numerusform></translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/outline.py" line="175" />
        <source>Move</source>
        <translation>le déplacement</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/outline.py" line="203" />
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/outline.py" line="205" />
        <source>Slide deck</source>
        <translation>Diaporama</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/outline.py" line="206" />
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message numerus="yes">
        <location filename="../../moocstudio/app/outline.py" line="49" />
        <source>%n question(s)</source>
        <translation><numerusform>%n question</numerusform><numerusform>%n questions</numerusform></translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/outline.py" line="210" />
        <source>Quiz</source>
        <translation>Quiz</translation>
    </message>
</context>
<context>
    <name>OutlineView</name>
    <message>
        <location filename="../../moocstudio/app/outline.py" line="215" />
        <source>Course outline</source>
        <translation>Plan du cours</translation>
    </message>
</context>
<context>
    <name>PageEditor</name>
    <message>
        <location filename="../../moocstudio/app/editors/page_editor.py" line="77" />
        <source>Page text (markdown)</source>
        <translation>Texte de la page (Markdown)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/page_editor.py" line="80" />
        <source>Page preview</source>
        <translation>Aperçu de la page</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/page_editor.py" line="84" />
        <source>Problems in the page</source>
        <translation>Problèmes dans la page</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/page_editor.py" line="128" />
        <source>The page's markdown file cannot be read (%1).</source>
        <translation>Le fichier Markdown de la page est illisible (%1).</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/page_editor.py" line="185" />
        <source>Edit page</source>
        <translation>la modification de la page</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/page_editor.py" line="156" />
        <source>Instructor notes — not shown to learners</source>
        <translation>Notes pour l'instructeur — jamais montrées aux apprenants</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/page_editor.py" line="70" />
        <source>Instructor notes</source>
        <translation>Notes pour l'instructeur</translation>
    </message>
</context>
<context>
    <name>ClusterCheck</name>
    <message>
        <location filename="../../moocstudio/app/processing.py" line="53" />
        <source>Enter the scheduler's address first.</source>
        <translation>Saisissez d'abord l'adresse du planificateur.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="19" />
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="21" />
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="22" />
        <source>Same as the system</source>
        <translation>Celle du système</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="27" />
        <source>The new language applies the next time moocstudio starts.</source>
        <translation>La nouvelle langue s'appliquera au prochain démarrage de moocstudio.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preferences.py" line="35" />
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
</context>
<context>
    <name>SlidesEditor</name>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="55" />
        <source>Slides</source>
        <translation>Diapositives</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="57" />
        <source>Selected slide</source>
        <translation>Diapositive sélectionnée</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="59" />
        <source>Slide text</source>
        <translation>Texte de la diapositive</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="62" />
        <source>What to say with this slide</source>
        <translation>Ce qu'il faut dire sur cette diapositive</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="63" />
        <source>Speaker notes</source>
        <translation>Notes de l'orateur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="77" />
        <source>Speaker &amp;notes</source>
        <translation>&amp;Notes de l'orateur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="120" />
        <source>Slide %1</source>
        <translation>Diapositive %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="121" />
        <source>%1 (hidden)</source>
        <translation>%1 (masquée)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="159" />
        <source>This deck has no slides.</source>
        <translation>Ce diaporama n'a aucune diapositive.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="165" />
        <source>No picture of this slide.</source>
        <translation>Aucune image de cette diapositive.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/slides_editor.py" line="196" />
        <source>Edit notes</source>
        <translation>la modification des notes</translation>
    </message>
</context>
<context>
    <name>VideoEditor</name>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="77" />
        <source>Poster frame</source>
        <translation>Image de couverture</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="90" />
        <source>&amp;Generate Renditions</source>
        <translation>&amp;Générer les versions</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="91" />
        <source>Generate renditions</source>
        <translation>Générer les versions vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="94" />
        <source>Make the MP4 ladder and the poster of this video (already made files are reused)</source>
        <translation>Produire les versions MP4 et l'image de couverture de cette vidéo (les fichiers déjà produits sont réutilisés)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="108" />
        <source>Rendition</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="108" />
        <source>Size</source>
        <translation>Dimensions</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="108" />
        <location filename="../../moocstudio/app/editors/video_editor.py" line="197" />
        <source>Bit rate</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="108" />
        <source>File size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="109" />
        <source>Made by</source>
        <translation>Méthode</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="109" />
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="116" />
        <location filename="../../moocstudio/app/editors/video_editor.py" line="129" />
        <source>Renditions</source>
        <translation>Versions vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="124" />
        <source>Source file</source>
        <translation>Fichier source</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="147" />
        <source>Subtitles</source>
        <translation>Sous-titres</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="169" />
        <source>No poster yet</source>
        <translation>Pas encore d'image de couverture</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="179" />
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="180" />
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="184" />
        <source>Picture</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="185" />
        <source>Video codec</source>
        <translation>Codec vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="188" />
        <source>%1 (variable)</source>
        <translation>%1 (variable)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="189" />
        <source>Frame rate</source>
        <translation>Fréquence d'images</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="191" />
        <location filename="../../moocstudio/app/editors/video_editor.py" line="196" />
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="191" />
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="199" />
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="208" />
        <source>mono</source>
        <translation>mono</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="210" />
        <source>stereo</source>
        <translation>stéréo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="211" />
        <source>%1 channels</source>
        <translation>%1 canaux</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="224" />
        <source>None yet: use Media ▸ Generate Renditions.</source>
        <translation>Aucune pour l'instant : utilisez Médias ▸ Générer les versions vidéo.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="227" />
        <source>Some files are missing (the cache was cleared?): generate the renditions again.</source>
        <translation>Des fichiers manquent (le cache a-t-il été vidé ?) : générez à nouveau les versions.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="248" />
        <source>%1: renditions</source>
        <translation>%1 : versions vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="249" />
        <source>Generate media</source>
        <translation>la génération des médias</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="252" />
        <source>Renditions of this video are being made.</source>
        <translation>Les versions de cette vidéo sont en cours de production.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="255" />
        <source>Waiting for a free worker…</source>
        <translation>En attente d'un processus libre…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="262" />
        <source>Making renditions… %1 %</source>
        <translation>Production des versions… %1 %</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="266" />
        <source>The renditions could not be made: %1</source>
        <translation>Les versions n'ont pas pu être produites : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="282" />
        <source>remuxed (copied)</source>
        <translation>copiée telle quelle</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="282" />
        <source>encoded</source>
        <translation>encodée</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="283" />
        <source>present</source>
        <translation>présente</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="283" />
        <source>missing</source>
        <translation>manquante</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" />
        <source>Source: %1</source>
        <translation>Source : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" />
        <source>Rendition %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" />
        <source>Pla&amp;yer</source>
        <translation>Le&amp;cteur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" />
        <source>&amp;Details</source>
        <translation>&amp;Détails</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" />
        <source>The video cannot be played here: Qt Multimedia did not load (%1).</source>
        <translation>La vidéo ne peut pas être lue ici : Qt Multimedia n'a pas pu être chargé (%1).</translation>
    </message>
</context>
<context>
    <name>VideoPlayer</name>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Video</source>
        <translation>Vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Play (Space)</source>
        <translation>Lire (Espace)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Pause (Space)</source>
        <translation>Pause (Espace)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Playhead</source>
        <translation>Tête de lecture</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Playback speed</source>
        <translation>Vitesse de lecture</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>File played</source>
        <translation>Fichier lu</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Play the source file or one of its renditions</source>
        <translation>Lire le fichier source ou l'une de ses versions</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Player message</source>
        <translation>Message du lecteur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>No file of this video is in the course folder.</source>
        <translation>Aucun fichier de cette vidéo ne se trouve dans le dossier du cours.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>“%1” cannot be played: %2</source>
        <translation>« %1 » ne peut pas être lu : %2</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Pick another file in the list.</source>
        <translation>Choisissez un autre fichier dans la liste.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Back %1 s (%2)</source>
        <translation>Reculer de %1 s (%2)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/player.py" />
        <source>Forward %1 s (%2)</source>
        <translation>Avancer de %1 s (%2)</translation>
    </message>
</context>
<context>
    <name>WaveformLoader</name>
    <message>
        <location filename="../../moocstudio/app/editors/waveform_loader.py" line="44" />
        <source>This video has no sound track</source>
        <translation>Cette vidéo n'a pas de piste son</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/waveform_loader.py" line="46" />
        <source>Reading the sound track…</source>
        <translation>Lecture de la piste son…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/waveform_loader.py" line="50" />
        <source>Waveform of %1</source>
        <translation>Forme d'onde de %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/waveform_loader.py" line="54" />
        <source>The waveform is being computed by another job</source>
        <translation>La forme d'onde est déjà calculée par une autre tâche</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/waveform_loader.py" line="78" />
        <source>Reading the sound track… %1 %</source>
        <translation>Lecture de la piste son… %1 %</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/waveform_loader.py" line="84" />
        <source>No waveform: %1</source>
        <translation>Pas de forme d'onde : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/waveform_loader.py" line="87" />
        <source>The waveform was not computed (cancelled)</source>
        <translation>La forme d'onde n'a pas été calculée (annulé)</translation>
    </message>
</context>
<context>
    <name>WaveformStrip</name>
    <message>
        <location filename="../../moocstudio/app/editors/waveform.py" line="120" />
        <source>Waveform</source>
        <translation>Forme d'onde</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/waveform.py" line="123" />
        <source>Click to play from there; drag the edge of a cue to change its time; Ctrl+wheel to zoom</source>
        <translation>Cliquez pour lire à partir de là ; faites glisser le bord d'une réplique pour changer son temps ; Ctrl+molette pour zoomer</translation>
    </message>
</context>
<context>
    <name>commands</name>
    <message>
        <location filename="../../moocstudio/app/commands.py" line="77" />
        <location filename="../../moocstudio/app/commands.py" line="84" />
        <source>Rename</source>
        <translation>le renommage</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/commands.py" line="92" />
        <location filename="../../moocstudio/app/commands.py" line="211" />
        <source>Move</source>
        <translation>le déplacement</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/commands.py" line="122" />
        <source>Import</source>
        <translation>l'importation</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/commands.py" line="151" />
        <location filename="../../moocstudio/app/commands.py" line="192" />
        <source>Delete</source>
        <translation>la suppression</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/commands.py" line="173" />
        <source>Add module</source>
        <translation>l'ajout d'un module</translation>
    </message>
</context>
<context>
    <name>cues</name>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="65" />
        <location filename="../../moocstudio/app/editors/cue_table.py" line="85" />
        <source>A time cannot be negative.</source>
        <translation>Un temps ne peut pas être négatif.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="69" />
        <source>“%1” is not a time. Write minutes:seconds.milliseconds, like 01:02.500.</source>
        <translation>« %1 » n'est pas un temps. Écrivez minutes:secondes.millisecondes, par exemple 01:02.500.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="87" />
        <source>A cue must end after it starts.</source>
        <translation>Une réplique doit finir après son début.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="90" />
        <source>The video lasts %1; a cue cannot end after that.</source>
        <translation>La vidéo dure %1 ; une réplique ne peut pas finir au-delà.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" line="243" />
        <source>Cue text</source>
        <translation>Texte de la réplique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/cue_table.py" />
        <source>Cue %1 would overlap cue %2, which runs from %3 to %4.</source>
        <translation>La réplique %1 chevaucherait la réplique %2, qui va de %3 à %4.</translation>
    </message>
</context>
<context>
    <name>formats</name>
    <message>
        <location filename="../../moocstudio/export/formats.py" line="40" />
        <source>Open edX's SCORM block takes one SCO per package: a package with one SCO per item stops after its first item. For Open edX, export the whole course as one SCO.</source>
        <translation>Le bloc SCORM d'Open edX ne prend qu'un SCO par paquet : un paquet à un SCO par élément s'arrête après le premier élément. Pour Open edX, exportez tout le cours en un seul SCO.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/export/formats.py" line="45" />
        <source>Moodle tracks only one SCORM 2004 SCO per launch: later SCOs open but record nothing (error 104). For Moodle, export the whole course as one SCO, or SCORM 1.2 per item.</source>
        <translation>Moodle ne suit qu'un SCO SCORM 2004 par lancement : les SCO suivants s'ouvrent mais n'enregistrent rien (erreur 104). Pour Moodle, exportez tout le cours en un seul SCO, ou en SCORM 1.2 par élément.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/export/formats.py" line="109" />
        <source>offline HTML5 site (Kolibri, any web server)</source>
        <translation>site HTML5 hors ligne (Kolibri, tout serveur web)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/export/formats.py" line="115" />
        <source>SCORM 1.2 (Moodle, ILIAS, most LMSs; progress and bookmark kept)</source>
        <translation>SCORM 1.2 (Moodle, ILIAS, la plupart des LMS ; progression et signet conservés)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/export/formats.py" line="125" />
        <source>SCORM 2004 4th edition (SCORM Cloud, Open edX SCORM block)</source>
        <translation>SCORM 2004 4e édition (SCORM Cloud, bloc SCORM d'Open edX)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/export/formats.py" line="135" />
        <source>IMS Common Cartridge 1.3 (Canvas, Brightspace, Sakai)</source>
        <translation>IMS Common Cartridge 1.3 (Canvas, Brightspace et Sakai)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/export/formats.py" line="141" />
        <source>IMS Common Cartridge 1.1 (Moodle's importer)</source>
        <translation>IMS Common Cartridge 1.1 (import dans Moodle)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/export/formats.py" line="147" />
        <source>Open edX course export (Studio import, FUN MOOC)</source>
        <translation>export de cours Open edX (import dans Studio, FUN MOOC)</translation>
    </message>
</context>
<context>
    <name>jobs</name>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="39" />
        <source>about %1 s</source>
        <translation>env. %1 s</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="41" />
        <source>about %1 min</source>
        <translation>env. %1 min</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="44" />
        <source>about %1 h %2 min</source>
        <translation>env. %1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="53" />
        <location filename="../../moocstudio/app/job_rows.py" line="90" />
        <location filename="../../moocstudio/app/job_rows.py" line="96" />
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="54" />
        <location filename="../../moocstudio/app/job_rows.py" line="55" />
        <source>Reading</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="56" />
        <source>Found in cache</source>
        <translation>Trouvé en cache</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="57" />
        <source>Encoding</source>
        <translation>Encodage</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="58" />
        <source>Copying</source>
        <translation>Copie</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="59" />
        <source>Checking</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="60" />
        <source>Packaging HLS</source>
        <translation>Empaquetage HLS</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="61" />
        <source>Making the poster</source>
        <translation>Image de couverture</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="62" />
        <source>Finding speech</source>
        <translation>Analyse de la parole</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="63" />
        <source>Finishing</source>
        <translation>Finalisation</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="65" />
        <source>Working</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="71" />
        <source>Renditions</source>
        <translation>Versions vidéo</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="72" />
        <source>Subtitles</source>
        <translation>Sous-titres</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="73" />
        <source>Import</source>
        <translation>Importation</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="74" />
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="75" />
        <source>Batch transcode</source>
        <translation>Conversion</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="77" />
        <source>Job</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="89" />
        <source>Ready to start</source>
        <translation>Prêt à démarrer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="92" />
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="93" />
        <source>Failed: %1</source>
        <translation>Échec : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="94" />
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="147" />
        <source>Progress of %1</source>
        <translation>Progression de %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="277" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="278" />
        <source>Cancel %1</source>
        <translation>Annuler %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="281" />
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="283" />
        <source>Remove %1 from the queue</source>
        <translation>Retirer %1 de la file</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="63" />
        <source>Reading the sound</source>
        <translation>Lecture du son</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/job_rows.py" line="77" />
        <source>Waveform</source>
        <translation>Forme d'onde</translation>
    </message>
</context>
<context>
    <name>licence</name>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="15" />
        <source>Anyone may share and adapt it, even commercially, if they credit you.</source>
        <translation>Chacun peut partager et adapter l'œuvre, y compris à des fins commerciales, à condition de vous créditer.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="18" />
        <source>Anyone may share and adapt it, even commercially, if they credit you and share their adaptations under the same licence.</source>
        <translation>Chacun peut partager et adapter l'œuvre, y compris à des fins commerciales, à condition de vous créditer et de partager ses adaptations sous la même licence.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="23" />
        <source>Anyone may share and adapt it, not commercially, if they credit you.</source>
        <translation>Chacun peut partager et adapter l'œuvre, mais pas à des fins commerciales, à condition de vous créditer.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="26" />
        <source>Anyone may share and adapt it, not commercially, if they credit you and share their adaptations under the same licence.</source>
        <translation>Chacun peut partager et adapter l'œuvre, mais pas à des fins commerciales, à condition de vous créditer et de partager ses adaptations sous la même licence.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="31" />
        <source>Anyone may share it as it is, even commercially, if they credit you; no adaptations may be shared.</source>
        <translation>Chacun peut partager l'œuvre telle quelle, y compris à des fins commerciales, à condition de vous créditer ; aucune adaptation ne peut être partagée.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="36" />
        <source>Anyone may share it as it is, not commercially, if they credit you; no adaptations may be shared. The most restrictive choice.</source>
        <translation>Chacun peut partager l'œuvre telle quelle, mais pas à des fins commerciales, à condition de vous créditer ; aucune adaptation ne peut être partagée. Le choix le plus restrictif.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="41" />
        <source>You give up your rights: anyone may do anything with it, no credit required.</source>
        <translation>Vous renoncez à vos droits : chacun peut en faire ce qu'il veut, sans obligation de vous créditer.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/licence_picker.py" line="48" />
        <source>Approved for Free Cultural Works: best for open access.</source>
        <translation>Approuvée pour les œuvres culturelles libres : idéale pour le libre accès.</translation>
    </message>
</context>
<context>
    <name>profiles</name>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="461" />
        <source>360p, 540p and 720p for phones and laptops (default)</source>
        <translation>360p, 540p et 720p pour téléphones et ordinateurs portables (par défaut)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="462" />
        <source>240p and 360p at low bit rates, for offline use (Kolibri) and slow links</source>
        <translation>240p et 360p à faible débit, pour l'usage hors ligne (Kolibri) et les connexions lentes</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/batch_dialog.py" line="465" />
        <source>360p to 1080p, keeping up to 60 frames per second</source>
        <translation>de 360p à 1080p, en conservant jusqu'à 60 images par seconde</translation>
    </message>
</context>
<context>
    <name>video</name>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="56" />
        <source>%1 Mb/s</source>
        <translation>%1 Mbit/s</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/video_editor.py" line="58" />
        <source>%1 kb/s</source>
        <translation>%1 kbit/s</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>Welcome to moocstudio</source>
        <translation>Bienvenue dans moocstudio</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>Assemble an open-licensed course from slides, video and markdown, then export it for Moodle, Open edX, Canvas or any web server.</source>
        <translation>Assemblez un cours sous licence ouverte à partir de diapositives, de vidéos et de markdown, puis exportez-le pour Moodle, Open edX, Canvas ou tout serveur web.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>&amp;New Course…</source>
        <translation>&amp;Nouveau cours…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>&amp;Open Course…</source>
        <translation>&amp;Ouvrir un cours…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>Open the &amp;Sample Course…</source>
        <translation>Ouvrir le cours d'e&amp;xemple…</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>Copies the bilingual sample course into a folder you choose, then opens it.</source>
        <translation>Copie le cours d'exemple bilingue dans un dossier de votre choix, puis l'ouvre.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>Read the &amp;Guide</source>
        <translation>Lire le &amp;guide</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>The user guide, offline, in your web browser.</source>
        <translation>Le guide d'utilisation, hors ligne, dans votre navigateur web.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>&amp;Recent courses</source>
        <translation>Cours &amp;récents</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>Recent courses</source>
        <translation>Cours récents</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>Courses you open will be listed here.</source>
        <translation>Les cours que vous ouvrez apparaîtront ici.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/start_page.py" line="1" />
        <source>%1
changed %2 · %3</source>
        <translation>%1
modifié le %2 · %3</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="107" />
        <source>Preview of the page as learners see it</source>
        <translation>Aperçu de la page telle que les apprenants la voient</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="110" />
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="112" />
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="112" />
        <source>Tablet</source>
        <translation>Tablette</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="112" />
        <source>Desktop</source>
        <translation>Ordinateur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="117" />
        <source>Colour scheme</source>
        <translation>Thème de couleurs</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="118" />
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="119" />
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="125" />
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="126" />
        <source>Build the whole preview again (F5)</source>
        <translation>Reconstruire tout l'aperçu (F5)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="170" />
        <source>The preview could not be built: %1</source>
        <translation>L'aperçu n'a pas pu être construit : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/pane.py" line="177" />
        <source>Links to the web are not followed in the preview: %1</source>
        <translation>Les liens vers le web ne sont pas suivis dans l'aperçu : %1</translation>
    </message>
</context>
<context>
    <name>PreviewDock</name>
    <message>
        <location filename="../../moocstudio/app/preview/dock.py" line="30" />
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/preview/dock.py" line="32" />
        <source>Open a course to preview it.</source>
        <translation>Ouvrez un cours pour en voir l'aperçu.</translation>
    </message>
</context>
<context>
    <name>ChoiceForm</name>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="183" />
        <source>Option</source>
        <translation>Option</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="184" />
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="189" />
        <source>&amp;Options</source>
        <translation>&amp;Options</translation>
    </message>
</context>
<context>
    <name>GradingDialog</name>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="39" />
        <source>Course Grading</source>
        <translation>Notation du cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="42" />
        <source>&amp;The course is graded (its quizzes make a grade)</source>
        <translation>&amp;Le cours est noté (ses quiz font une note)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="49" />
        <source>Course pass mark</source>
        <translation>Note de réussite du cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="51" />
        <source>Quizzes that count</source>
        <translation>Quiz qui comptent</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="53" />
        <source>Counts</source>
        <translation>Compte</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="53" />
        <source>Quiz</source>
        <translation>Quiz</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="53" />
        <source>Weight</source>
        <translation>Poids</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="74" />
        <source>The course has no quiz yet: add one with Edit ▸ Add ▸ Quiz.</source>
        <translation>Le cours n'a pas encore de quiz : ajoutez-en un par Édition ▸ Ajouter ▸ Quiz.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="86" />
        <source>Course &amp;pass mark</source>
        <translation>Note de &amp;réussite du cours</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="118" />
        <source>Tick at least one quiz, or make the course ungraded.</source>
        <translation>Cochez au moins un quiz, ou rendez le cours non noté.</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/grading_dialog.py" line="138" />
        <source>Change course grading</source>
        <translation>la modification de la notation du cours</translation>
    </message>
</context>
<context>
    <name>MatchingForm</name>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="358" />
        <source>Prompt</source>
        <translation>Énoncé</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="358" />
        <source>Matching answer</source>
        <translation>Réponse associée</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="359" />
        <source>Pairs</source>
        <translation>Paires</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="360" />
        <source>answer</source>
        <translation>réponse</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="366" />
        <source>One per line: answers that match no prompt</source>
        <translation>Une par ligne : des réponses associées à aucun énoncé</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="368" />
        <source>P&amp;airs</source>
        <translation>P&amp;aires</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="369" />
        <source>&amp;Distractors</source>
        <translation>&amp;Leurres</translation>
    </message>
</context>
<context>
    <name>MultipleChoiceForm</name>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="215" />
        <source>Partial credit: ticked credits add up</source>
        <translation>Points partiels : les crédits cochés s'additionnent</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="216" />
        <source>All or nothing: exactly the right options</source>
        <translation>Tout ou rien : exactement les bonnes options</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="217" />
        <source>&amp;Scoring</source>
        <translation>&amp;Barème</translation>
    </message>
</context>
<context>
    <name>NumericForm</name>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="276" />
        <source>Leave the value empty to accept a range from minimum to maximum</source>
        <translation>Laissez la valeur vide pour accepter un intervalle du minimum au maximum</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="279" />
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="286" />
        <source>Accepted numbers</source>
        <translation>Nombres acceptés</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="290" />
        <source>&amp;Accepted numbers</source>
        <translation>&amp;Nombres acceptés</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="283" />
        <source>Tolerance: the error accepted (default 0)</source>
        <translation>Tolérance : l'écart accepté (0 par défaut)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="284" />
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="285" />
        <source>Max</source>
        <translation>Max</translation>
    </message>
</context>
<context>
    <name>OrderingForm</name>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="393" />
        <source>One step per line, in the right order</source>
        <translation>Une étape par ligne, dans le bon ordre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="395" />
        <source>&amp;Steps in order</source>
        <translation>Ét&amp;apes dans l'ordre</translation>
    </message>
</context>
<context>
    <name>QuestionForm</name>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="64" />
        <source>Single choice</source>
        <translation>Choix unique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="65" />
        <source>Multiple choice</source>
        <translation>Choix multiples</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="66" />
        <source>True or false</source>
        <translation>Vrai ou faux</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="67" />
        <source>Numeric</source>
        <translation>Numérique</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="68" />
        <source>Short answer</source>
        <translation>Réponse courte</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="69" />
        <source>Matching</source>
        <translation>Appariement</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="70" />
        <source>Ordering</source>
        <translation>Mise en ordre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="88" />
        <source>A short name for you, not shown to learners</source>
        <translation>Un nom court pour vous, jamais montré aux apprenants</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="89" />
        <source>Question text</source>
        <translation>Texte de la question</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="90" />
        <source>The question, in markdown (maths and images too)</source>
        <translation>La question, en markdown (maths et images aussi)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="94" />
        <source>Points</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="95" />
        <source>General feedback</source>
        <translation>Rétroaction générale</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="97" />
        <source>Shown after answering, whatever the answer</source>
        <translation>Montrée après la réponse, quelle qu'elle soit</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="99" />
        <source>Hint</source>
        <translation>Indice</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="100" />
        <source>Offered before answering (optional)</source>
        <translation>Proposé avant de répondre (facultatif)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="106" />
        <source>&amp;Title</source>
        <translation>&amp;Titre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="107" />
        <source>&amp;Question</source>
        <translation>&amp;Question</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="108" />
        <source>&amp;Points</source>
        <translation>&amp;Points</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="110" />
        <source>&amp;General feedback</source>
        <translation>Rétroaction &amp;générale</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="111" />
        <source>&amp;Hint</source>
        <translation>&amp;Indice</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="162" />
        <source>Credit %</source>
        <translation>Crédit %</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="164" />
        <source>100 = full marks; a negative credit is a penalty</source>
        <translation>100 = tous les points ; un crédit négatif est une pénalité</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="170" />
        <source>Feedback</source>
        <translation>Rétroaction</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="172" />
        <source>Shown to a learner who gives this answer</source>
        <translation>Montrée à l'apprenant qui donne cette réponse</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="437" />
        <source>answer</source>
        <translation>réponse</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="443" />
        <source>step</source>
        <translation>étape</translation>
    </message>
</context>
<context>
    <name>QuizEditor</name>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="63" />
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="67" />
        <source>&amp;Add Question</source>
        <translation>&amp;Ajouter une question</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="73" />
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="74" />
        <source>Re&amp;move</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="75" />
        <source>Move U&amp;p</source>
        <translation>M&amp;onter</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="76" />
        <source>Move the question up (Ctrl+Up in the list)</source>
        <translation>Monter la question (Ctrl+Haut dans la liste)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="78" />
        <source>Move Do&amp;wn</source>
        <translation>Descen&amp;dre</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="79" />
        <source>Move the question down (Ctrl+Down in the list)</source>
        <translation>Descendre la question (Ctrl+Bas dans la liste)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="84" />
        <source>No questions yet: add one with “Add Question”.</source>
        <translation>Pas encore de question : ajoutez-en une avec « Ajouter une question ».</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="91" />
        <source>Problems in the question</source>
        <translation>Problèmes dans la question</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="113" />
        <source>Questions (drag to reorder)</source>
        <translation>Questions (glisser pour réordonner)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="127" />
        <source>Selected question</source>
        <translation>Question sélectionnée</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="252" />
        <source>Not changed: %1</source>
        <translation>Non modifié : %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="262" />
        <source>Edit question</source>
        <translation>la modification d'une question</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="295" />
        <source>Change quiz settings</source>
        <translation>la modification des réglages du quiz</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="303" />
        <source>Add question</source>
        <translation>l'ajout d'une question</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="314" />
        <source>Duplicate question</source>
        <translation>la duplication d'une question</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="325" />
        <source>Remove question</source>
        <translation>la suppression d'une question</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_editor.py" line="335" />
        <source>Reorder questions</source>
        <translation>le réordonnancement des questions</translation>
    </message>
</context>
<context>
    <name>QuizSettingsBox</name>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="31" />
        <source>Quiz settings</source>
        <translation>Réglages du quiz</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="36" />
        <source>Share of the quiz's points a learner needs to pass</source>
        <translation>Part des points du quiz qu'il faut à l'apprenant pour réussir</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="39" />
        <source>Unlimited</source>
        <translation>Illimitées</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="40" />
        <source>S&amp;huffle the options</source>
        <translation>&amp;Mélanger les options</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="42" />
        <source>Immediately, per question</source>
        <translation>Tout de suite, à chaque question</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="43" />
        <source>After submitting the quiz</source>
        <translation>Après la soumission du quiz</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="44" />
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="46" />
        <source>Pass &amp;mark</source>
        <translation>Note de &amp;réussite</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="47" />
        <source>A&amp;ttempts</source>
        <translation>&amp;Tentatives</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="48" />
        <source>Show &amp;feedback</source>
        <translation>Montrer la &amp;rétroaction</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="51" />
        <source>Pass mark</source>
        <translation>Note de réussite</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="52" />
        <source>Attempts allowed</source>
        <translation>Tentatives permises</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_settings.py" line="53" />
        <source>Show feedback</source>
        <translation>Montrer la rétroaction</translation>
    </message>
</context>
<context>
    <name>RowsTable</name>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_fields.py" line="136" />
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_fields.py" line="138" />
        <source>Add a row to %1</source>
        <translation>Ajouter une ligne à %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_fields.py" line="140" />
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_fields.py" line="142" />
        <source>Remove the selected row of %1</source>
        <translation>Supprimer la ligne sélectionnée de %1</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/quiz_fields.py" line="256" />
        <source>%1: “%2” is not a number</source>
        <translation>%1 : « %2 » n'est pas un nombre</translation>
    </message>
</context>
<context>
    <name>ShortAnswerForm</name>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="324" />
        <source>Accepted answer</source>
        <translation>Réponse acceptée</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="325" />
        <source>Accepted answers</source>
        <translation>Réponses acceptées</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="326" />
        <source>answer</source>
        <translation>réponse</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="329" />
        <source>&amp;Case matters (Paris ≠ paris)</source>
        <translation>&amp;Respecter la casse (Paris ≠ paris)</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="330" />
        <source>&amp;Accepted answers</source>
        <translation>Réponses &amp;acceptées</translation>
    </message>
</context>
<context>
    <name>TrueFalseForm</name>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="239" />
        <source>True</source>
        <translation>Vrai</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="240" />
        <source>False</source>
        <translation>Faux</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="246" />
        <source>Right answer</source>
        <translation>Bonne réponse</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="247" />
        <source>Feedback for “true”</source>
        <translation>Rétroaction pour « vrai »</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="248" />
        <source>Feedback for “false”</source>
        <translation>Rétroaction pour « faux »</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="249" />
        <source>&amp;Right answer</source>
        <translation>&amp;Bonne réponse</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="250" />
        <source>Feedback for “tr&amp;ue”</source>
        <translation>Rétroaction pour « vr&amp;ai »</translation>
    </message>
    <message>
        <location filename="../../moocstudio/app/editors/question_forms.py" line="251" />
        <source>Feedback for “&amp;false”</source>
        <translation>Rétroaction pour « fa&amp;ux »</translation>
    </message>
</context>
</TS>