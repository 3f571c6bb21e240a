"""Views of the producers' portal: accounts (``accounts``) and the signed-in portal (``portal``)."""
