"""Business rules of the producers' portal: accounts and invitations (``accounts``), claims (``claims``)."""
